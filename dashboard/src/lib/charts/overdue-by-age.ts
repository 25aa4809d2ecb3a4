// Open overdue cases at the end of a period by district, each bar split by how long the cases are
// past their deadline (light = recently overdue, dark = over a year), districts with the most
// overdue cases first. Districts with none are listed with 0 when the caller names them.
import * as Plot from '@observablehq/plot';
import { fmtNumber, fmtPercent } from '../format.ts';
import { sequentialColor } from '../palette.ts';
import {
  baseOptions, byValueDesc, COLORS, highlightRow, isoDay, isProvince, marginFor, num, plotWidth, periodLabel, pickPeriod, tipText, tr, unitName, UNITS,
  type Chart, type ChartOptions, type DateLike, type Lang, type Num,
} from './shared.ts';

/** Rows of overdue_age. */
export interface OverdueRow {
  unit_code: string;
  grain?: string;
  period_start: DateLike;
  kind_group?: string;
  bucket: string;
  label_vi: string;
  label_en: string;
  ord: Num;
  cases: Num;
}

export interface OverdueByAgeOptions extends ChartOptions {
  period?: string | null;
  /** District codes to list even without an overdue case (shown as 0). */
  districts?: readonly string[];
}

export interface OverdueData {
  period: string | null;
  grain: string;
  buckets: { bucket: string; label: string; ord: number }[];
  segments: { code: string; name: string; bucket: string; cases: number }[];
  /** Most overdue first, ties by code. */
  districts: { code: string; name: string; total: number; oldest: number }[];
}

export function prepareOverdueByAge(rows: readonly OverdueRow[], opts: Omit<OverdueByAgeOptions, 'width'>): OverdueData {
  const period = pickPeriod(rows, opts.period);
  const own = rows.filter((r) => isoDay(r.period_start) === period && !isProvince(r));
  const bucketMap = new Map<string, { bucket: string; label: string; ord: number }>();
  for (const r of rows) bucketMap.set(r.bucket, { bucket: r.bucket, label: opts.lang === 'vi' ? r.label_vi : r.label_en, ord: num(r.ord) ?? 0 });
  const buckets = [...bucketMap.values()].sort((a, b) => a.ord - b.ord);
  const oldestBucket = buckets.at(-1)?.bucket;
  const codes = [...new Set([...own.map((r) => r.unit_code), ...(opts.districts ?? [])])];
  const segments = own.map((r) => ({ code: r.unit_code, name: unitName(r.unit_code, opts), bucket: r.bucket, cases: num(r.cases) ?? 0 })).filter((s) => s.cases > 0);
  const districts = codes.map((code) => {
    const mine = segments.filter((s) => s.code === code);
    return { code, name: unitName(code, opts), total: mine.reduce((a, s) => a + s.cases, 0), oldest: mine.filter((s) => s.bucket === oldestBucket).reduce((a, s) => a + s.cases, 0) };
  }).sort(byValueDesc((d) => d.total, (d) => d.code));
  return { period, grain: own[0]?.grain ?? rows[0]?.grain ?? 'quarter', buckets, segments, districts };
}

export function renderOverdueByAge(rows: readonly OverdueRow[], opts: OverdueByAgeOptions): Chart {
  const { lang, highlight } = opts;
  const data = prepareOverdueByAge(rows, opts);
  const unit = UNITS.case(lang);
  const codes = data.districts.map((d) => d.code);
  const names = new Map(data.districts.map((d) => [d.code, d.name]));
  const totals = new Map(data.districts.map((d) => [d.code, d.total]));
  const labelOf = new Map(data.buckets.map((b) => [b.bucket, b.label]));
  // One hue, darker with age (the first bucket not too pale to see on white).
  const colors = data.buckets.map((_, i) => sequentialColor(0.3 + (0.7 * i) / Math.max(1, data.buckets.length - 1)));
  const xMax = Math.max(1, ...data.districts.map((d) => d.total));
  const tip = (s: OverdueData['segments'][number]) => tipText([
    `${s.name}${data.period ? ` — ${tr(lang, 'cuối', 'end of')} ${periodLabel(data.grain, data.period, lang)}` : ''}`,
    `${tr(lang, 'Quá hạn', 'Overdue by')} ${labelOf.get(s.bucket)}: ${fmtNumber(s.cases, lang)} ${unit}`,
    `${tr(lang, 'Tổng số vụ quá hạn', 'All overdue cases')}: ${fmtNumber(totals.get(s.code) ?? 0, lang)} ${unit} (${fmtPercent(s.cases / (totals.get(s.code) || 1), lang)})`,
  ]);

  const marginLeft = marginFor([...names.values()], opts.width);
  return Plot.plot({
    ...baseOptions(opts),
    width: plotWidth(opts.width, marginLeft, 60),
    height: opts.height ?? 80 + 26 * Math.max(1, codes.length),
    marginLeft,
    marginRight: 60,
    marginBottom: 40,
    x: { domain: [0, xMax], nice: true, label: tr(lang, 'Số vụ tồn quá hạn cuối kỳ (vụ)', 'Overdue open cases at the end of the period'), labelAnchor: 'center', grid: true,
      tickFormat: (v: number) => (Number.isInteger(v) ? fmtNumber(v, lang) : '') },
    y: { domain: codes, label: null, tickSize: 0, tickFormat: (c: string) => names.get(c) ?? c },
    color: { type: 'ordinal', domain: data.buckets.map((b) => b.bucket), range: colors, legend: true,
      tickFormat: (b: string) => `${tr(lang, 'Quá hạn', 'Overdue')} ${labelOf.get(b) ?? b}` },
    marks: [
      highlightRow(codes, highlight, 0, xMax),
      Plot.barX(data.segments, {
        x: 'cases', y: 'code', fill: 'bucket', order: data.buckets.map((b) => b.bucket), inset: 0.5, className: 'danvan-bar',
        ariaLabel: (s: OverdueData['segments'][number]) => tip(s).replaceAll('\n', '; '), title: tip, tip: true,
      }),
      Plot.text(data.districts, {
        x: 'total', y: 'code', dx: 6, textAnchor: 'start', fill: COLORS.ink,
        text: (d: OverdueData['districts'][number]) => fmtNumber(d.total, lang),
      }),
      Plot.ruleX([0], { stroke: COLORS.ink }),
    ],
  });
}

/** "Cuối Quý IV/2024 có 33 vụ tồn quá hạn; nhiều nhất ở Quảng Ngãi (7 vụ, 3 vụ quá hạn trên 1 năm)." */
export function describeOverdueByAge(rows: readonly OverdueRow[], lang: Lang, opts: Omit<OverdueByAgeOptions, 'width' | 'lang'> = {}): string {
  const data = prepareOverdueByAge(rows, { ...opts, lang });
  const total = data.districts.reduce((a, d) => a + d.total, 0);
  const when = data.period ? periodLabel(data.grain, data.period, lang) : '';
  if (!total) return tr(lang, `Cuối ${when} không có vụ nào tồn quá hạn.`, `No case was overdue at the end of ${when}.`);
  const top = data.districts[0];
  const oldest = data.buckets.at(-1)?.label ?? '';
  const none = data.districts.filter((d) => d.total === 0).length;
  return tr(lang,
    `Cuối ${when} có ${fmtNumber(total, lang)} vụ tồn quá hạn; nhiều nhất ở ${top.name} (${fmtNumber(top.total, lang)} vụ, trong đó ${fmtNumber(top.oldest, lang)} vụ quá hạn ${oldest})${none ? `; ${none} huyện không có vụ quá hạn` : ''}.`,
    `At the end of ${when}, ${fmtNumber(total, lang)} cases were overdue; the most in ${top.name} (${fmtNumber(top.total, lang)}, of which ${fmtNumber(top.oldest, lang)} overdue by ${oldest})${none ? `; ${none} districts had none` : ''}.`);
}
