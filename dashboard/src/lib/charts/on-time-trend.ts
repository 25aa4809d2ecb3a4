// On-time rate per period for one district against the province, each point of the district
// labelled with its difference from the province in percentage points ("+3,1"). A period with no
// resolved case breaks the line (no point at 0%); rates over fewer than 10 cases are hollow.
import * as Plot from '@observablehq/plot';
import { fmtPercent, fmtPercentTick, fmtPeriodTick, fmtPoints, fmtRatio, fmtSigned } from '../format.ts';
import {
  baseOptions, COLORS, isoDay, isProvince, MIN_CASES, periodLabel, periodsOf, RATE_LABEL, rateOf, tipText, tr, unitName, UNITS,
  type Chart, type ChartOptions, type Lang, type RateMeasure, type ResolutionRow,
} from './shared.ts';

export interface OnTimeTrendOptions extends ChartOptions {
  /** The district drawn against the province; the highlighted district by default. */
  unit?: string | null;
  measure?: RateMeasure;
  /** A target rate drawn as a dashed rule; none by default. */
  target?: number | null;
  /** Label differences on at most this many of the latest periods (all when there are ≤ 12). */
  maxLabels?: number;
}

export interface TrendPoint {
  code: string;
  name: string;
  period: string;
  value: number | null;
  num: number | null;
  den: number | null;
  uncertain: boolean;
  /** District minus province, as a fraction (0.031 = 3,1 points). */
  diff: number | null;
}

export interface OnTimeTrendData {
  measure: RateMeasure;
  grain: string;
  periods: string[];
  unit: string | null;
  province: TrendPoint[];
  district: TrendPoint[];
}

export function prepareOnTimeTrend(rows: readonly ResolutionRow[], opts: Omit<OnTimeTrendOptions, 'width'>): OnTimeTrendData {
  const measure = opts.measure ?? 'on_time_rate';
  const unitCode = opts.unit ?? opts.highlight ?? null;
  const toPoint = (r: ResolutionRow): TrendPoint => {
    const c = rateOf(r, measure);
    return { code: r.unit_code, name: unitName(r.unit_code, opts), period: isoDay(r.period_start), ...c, uncertain: c.value !== null && (c.den ?? 0) < MIN_CASES, diff: null };
  };
  const byPeriod = (a: TrendPoint, b: TrendPoint) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0);
  const province = rows.filter((r) => isProvince(r)).map(toPoint).sort(byPeriod);
  const provAt = new Map(province.map((p) => [p.period, p.value]));
  const district = unitCode && !isProvince({ unit_code: unitCode })
    ? rows.filter((r) => r.unit_code === unitCode).map(toPoint).sort(byPeriod).map((p) => {
      const pv = provAt.get(p.period);
      return { ...p, diff: p.value !== null && pv != null ? p.value - pv : null };
    })
    : [];
  const used = rows.filter((r) => isProvince(r) || r.unit_code === unitCode);
  return { measure, grain: rows[0]?.grain ?? 'quarter', periods: periodsOf(used), unit: district.length ? unitCode : null, province, district };
}

export function renderOnTimeTrend(rows: readonly ResolutionRow[], opts: OnTimeTrendOptions): Chart {
  const { lang } = opts;
  const data = prepareOnTimeTrend(rows, opts);
  const unit = UNITS.case(lang);
  const rateLabel = tr(lang, RATE_LABEL[data.measure].vi, RATE_LABEL[data.measure].en);
  const main = data.district.length ? data.district : data.province;
  const mainColor = data.district.length ? COLORS.highlight : COLORS.primary;
  const values = [...data.province, ...data.district].flatMap((p) => (p.value === null ? [] : [p.value]));
  const y0 = Math.max(0, Math.floor((Math.min(1, ...values, opts.target ?? 1) - 0.05) * 10) / 10);
  const maxLabels = opts.maxLabels ?? (data.periods.length <= 12 ? data.periods.length : 4);
  const labelled = data.district.filter((p) => p.diff !== null).slice(-maxLabels);
  const firstOfYear = (p: string, i: number) => i === 0 || p.slice(5) === '01-01';
  const tickYear = new Set(data.periods.filter(firstOfYear));
  const provAt = new Map(data.province.map((p) => [p.period, p]));
  const tip = (p: TrendPoint) => {
    const pv = provAt.get(p.period);
    return tipText([
      `${p.name} — ${periodLabel(data.grain, p.period, lang)}`,
      `${rateLabel}: ${fmtPercent(p.value, lang)} (${fmtRatio(p.num, p.den, unit, lang)})`,
      p.uncertain && tr(lang, `Dưới ${MIN_CASES} vụ — tỷ lệ chưa đủ tin cậy`, `Fewer than ${MIN_CASES} cases — rate uncertain`),
      pv && p.code !== pv.code && `${tr(lang, 'Toàn tỉnh', 'Province')}: ${fmtPercent(pv.value, lang)} (${fmtRatio(pv.num, pv.den, unit, lang)})`,
      p.diff !== null && `${tr(lang, 'Chênh lệch', 'Difference')}: ${fmtPoints(p.diff, lang)}`,
    ]);
  };
  const ends = [data.province.filter((p) => p.value !== null).at(-1), data.district.filter((p) => p.value !== null).at(-1)]
    .filter((p): p is TrendPoint => !!p);
  // Keep the two end labels apart when the lines end close together.
  const endDy = ends.length === 2 && Math.abs(ends[0].value! - ends[1].value!) < 0.04 ? (ends[1].value! >= ends[0].value! ? [8, -8] : [-8, 8]) : [0, 0];

  return Plot.plot({
    ...baseOptions(opts),
    height: opts.height ?? 320,
    marginLeft: 48,
    marginRight: 96,
    marginTop: 28,
    marginBottom: 40,
    x: { type: 'point', domain: data.periods, label: null, padding: 0.3, tickSize: 0, tickFormat: (p: string) => fmtPeriodTick(data.grain, p, lang, tickYear.has(p)) },
    y: { domain: [y0, 1], label: `${rateLabel} (%)`, labelAnchor: 'top', grid: true, tickFormat: (v: number) => fmtPercentTick(v, lang) },
    caption: labelled.length
      ? tr(lang, 'Số trên mỗi điểm: chênh lệch so với toàn tỉnh (điểm phần trăm). Chấm rỗng: dưới 10 vụ.', 'Numbers on the points: difference from the province (percentage points). Hollow dots: fewer than 10 cases.')
      : undefined,
    marks: [
      opts.target != null ? [
        Plot.ruleY([opts.target], { stroke: COLORS.ink, strokeDasharray: '5,4', className: 'danvan-target' }),
        Plot.text([opts.target], { y: (d: number) => d, frameAnchor: 'left', dx: 4, dy: -7, textAnchor: 'start', fill: COLORS.ink, text: (d: number) => tr(lang, `Chỉ tiêu ${fmtPercent(d, lang)}`, `Target ${fmtPercent(d, lang)}`) }),
      ] : null,
      data.district.length ? [
        Plot.line(data.province, { x: 'period', y: 'value', stroke: COLORS.context, strokeWidth: 2, className: 'danvan-province' }),
        Plot.dot(data.province.filter((p) => p.value !== null), { x: 'period', y: 'value', r: 2.5, fill: COLORS.context }),
      ] : null,
      Plot.line(main, { x: 'period', y: 'value', stroke: mainColor, strokeWidth: 2.5, className: 'danvan-main' }),
      Plot.dot(main.filter((p) => p.value !== null), {
        x: 'period', y: 'value', r: 4, stroke: mainColor, strokeWidth: 2, fill: (p: TrendPoint) => (p.uncertain ? 'white' : mainColor),
        className: 'danvan-point', ariaLabel: (p: TrendPoint) => tip(p).replaceAll('\n', '; '),
      }),
      // Above the point when the district is ahead of the province, below when behind (unless
      // that would run into the axis).
      [true, false].map((ahead) => Plot.text(labelled.filter((p) => (p.diff! >= 0 || p.value! < y0 + 0.1 * (1 - y0)) === ahead), {
        x: 'period', y: 'value', dy: ahead ? -13 : 15, fontSize: 11, fill: COLORS.ink, className: 'danvan-diff',
        text: (p: TrendPoint) => fmtSigned(p.diff! * 100, lang, 1),
      })),
      ends.map((p, i) => Plot.text([p], {
        x: 'period', y: 'value', dx: 10, dy: endDy[i], textAnchor: 'start', fontWeight: 'bold',
        fill: isProvince({ unit_code: p.code }) && data.district.length ? COLORS.muted : mainColor,
        text: (d: TrendPoint) => `${d.name} ${fmtPercent(d.value, lang)}`,
      })),
      Plot.tip(main.filter((p) => p.value !== null), Plot.pointerX({ x: 'period', y: 'value', title: tip })),
    ],
  });
}

/** "Quý IV/2024: tỷ lệ đúng hạn của Bình Sơn là 89,5%, cao hơn toàn tỉnh 4,7 điểm." */
export function describeOnTimeTrend(rows: readonly ResolutionRow[], lang: Lang, opts: Omit<OnTimeTrendOptions, 'width' | 'lang'> = {}): string {
  const data = prepareOnTimeTrend(rows, { ...opts, lang });
  const label = tr(lang, RATE_LABEL[data.measure].vi.toLowerCase(), RATE_LABEL[data.measure].en.toLowerCase());
  if (data.district.length) {
    const last = data.district.filter((p) => p.value !== null).at(-1);
    if (!last) return tr(lang, `${data.district[0].name} chưa có vụ nào được giải quyết trong các kỳ này.`, `${data.district[0].name} resolved no case in these periods.`);
    const when = periodLabel(data.grain, last.period, lang);
    const cmp = last.diff === null ? '' : Math.abs(last.diff) < 0.0005
      ? tr(lang, ', bằng toàn tỉnh', ', level with the province')
      : tr(lang, `, ${last.diff > 0 ? 'cao hơn' : 'thấp hơn'} toàn tỉnh ${fmtPoints(Math.abs(last.diff), lang).slice(1)}`, `, ${fmtPoints(Math.abs(last.diff), lang).slice(1)} ${last.diff > 0 ? 'above' : 'below'} the province`);
    const behind = data.district.filter((p) => p.diff !== null && p.diff < 0).length;
    const withDiff = data.district.filter((p) => p.diff !== null).length;
    return tr(lang,
      `${when}: ${label} của ${last.name} là ${fmtPercent(last.value, lang)}${cmp}; thấp hơn toàn tỉnh ở ${behind}/${withDiff} kỳ.`,
      `${when}: ${last.name}'s ${label} is ${fmtPercent(last.value, lang)}${cmp}; below the province in ${behind} of ${withDiff} periods.`);
  }
  const pts = data.province.filter((p) => p.value !== null);
  const last = pts.at(-1);
  if (!last) return tr(lang, 'Chưa có vụ nào được giải quyết trong các kỳ này.', 'No case was resolved in these periods.');
  const prev = pts.at(-2);
  const change = prev ? tr(lang, `, ${fmtPoints(last.value! - prev.value!, lang)} so với kỳ trước`, `, ${fmtPoints(last.value! - prev.value!, lang)} on the previous period`) : '';
  return tr(lang,
    `${periodLabel(data.grain, last.period, lang)}: ${label} toàn tỉnh là ${fmtPercent(last.value, lang)}${change}.`,
    `${periodLabel(data.grain, last.period, lang)}: the province's ${label} is ${fmtPercent(last.value, lang)}${change}.`);
}
