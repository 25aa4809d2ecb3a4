// Kaplan–Meier curves of time to resolution: the share of cases not yet resolved after each day,
// one step curve per year (at most three), its 95% confidence band shaded, the median (the day
// half the cases are resolved) marked on the curve and named in the legend.
import * as Plot from '@observablehq/plot';
import { fmtNumber, fmtPercent, fmtPercentTick } from '../format.ts';
import { CATEGORICAL } from '../palette.ts';
import { baseOptions, COLORS, isProvince, num, tipText, tr, unitName, UNITS, type Chart, type ChartOptions, type Lang, type Num } from './shared.ts';

/** Rows of resolution_survival. */
export interface SurvivalRow {
  unit_code: string;
  year: Num;
  kind_group?: string;
  day: Num;
  at_risk?: Num;
  events?: Num;
  censored?: Num;
  survival: Num;
  ci_low?: Num;
  ci_high?: Num;
}

export interface SurvivalCurvesOptions extends ChartOptions {
  /** Years drawn (at most 3); the latest three in the rows by default. */
  years?: number[];
  /** Unit drawn when the rows hold several: the highlighted district, else the province. */
  unit?: string | null;
  /** Shade the 95% confidence band (true by default). */
  band?: boolean;
  /** Last day on the axis; by default where every curve has fallen to 5%, rounded up to 30 days. */
  maxDay?: number;
}

export interface SurvivalPoint { year: string; day: number; survival: number; low: number | null; high: number | null; atRisk: number | null }

export interface SurvivalData {
  unit: string | null;
  name: string;
  years: string[];
  points: SurvivalPoint[];
  /** Day each year's curve reaches 50% (null: not within the follow-up). */
  medians: Map<string, number | null>;
  maxDay: number;
}

export function prepareSurvivalCurves(rows: readonly SurvivalRow[], opts: Omit<SurvivalCurvesOptions, 'width'>): SurvivalData {
  const units = [...new Set(rows.map((r) => r.unit_code))];
  const unit = [opts.unit, opts.highlight].find((u) => u && units.includes(u))
    ?? units.find((u) => isProvince({ unit_code: u })) ?? units.sort()[0] ?? null;
  const own = rows.filter((r) => r.unit_code === unit);
  const allYears = [...new Set(own.map((r) => String(num(r.year))))].sort();
  const years = (opts.years?.length ? opts.years.map(String).filter((y) => allYears.includes(y)) : allYears).slice(-3).sort().reverse();
  const points: SurvivalPoint[] = [];
  const medians = new Map<string, number | null>();
  let maxDay = 0;
  for (const year of years) {
    const pts = own.filter((r) => String(num(r.year)) === year)
      .map((r) => ({ year, day: num(r.day) ?? 0, survival: num(r.survival) ?? NaN, low: num(r.ci_low), high: num(r.ci_high), atRisk: num(r.at_risk) }))
      .filter((p) => Number.isFinite(p.survival))
      .sort((a, b) => a.day - b.day);
    if (pts.length && pts[0].day > 0) pts.unshift({ year, day: 0, survival: 1, low: 1, high: 1, atRisk: pts[0].atRisk });
    points.push(...pts);
    medians.set(year, pts.find((p) => p.survival <= 0.5)?.day ?? null);
    const tail = pts.find((p) => p.survival <= 0.05)?.day ?? pts.at(-1)?.day ?? 0;
    maxDay = Math.max(maxDay, tail);
  }
  maxDay = opts.maxDay ?? Math.max(30, Math.ceil(maxDay / 30) * 30);
  return { unit, name: unit ? unitName(unit, opts) : '', years, points, medians, maxDay };
}

export function renderSurvivalCurves(rows: readonly SurvivalRow[], opts: SurvivalCurvesOptions): Chart {
  const { lang } = opts;
  const data = prepareSurvivalCurves(rows, opts);
  const days = UNITS.day(lang);
  const colors = data.years.map((_, i) => CATEGORICAL[i % CATEGORICAL.length]);
  const colorOf = new Map(data.years.map((y, i) => [y, colors[i]]));
  const medianMarks = data.years.filter((y) => data.medians.get(y) != null).map((year) => ({ year, day: data.medians.get(year)! }));
  const legend = (year: string) => {
    const m = data.medians.get(year);
    return m == null
      ? tr(lang, `Năm ${year}: chưa đến một nửa số vụ được giải quyết`, `${year}: fewer than half resolved`)
      : tr(lang, `Năm ${year}: một nửa số vụ xong sau ${fmtNumber(m, lang)} ngày`, `${year}: half resolved by day ${fmtNumber(m, lang)}`);
  };
  const tip = (p: SurvivalPoint) => tipText([
    `${data.name} — ${tr(lang, 'năm', 'year')} ${p.year}`,
    tr(lang, `Sau ${fmtNumber(p.day, lang)} ngày: ${fmtPercent(p.survival, lang)} số vụ chưa giải quyết xong`, `After ${fmtNumber(p.day, lang)} days: ${fmtPercent(p.survival, lang)} not yet resolved`),
    p.low !== null && p.high !== null && tr(lang, `Khoảng tin cậy 95%: ${fmtPercent(p.low, lang)}–${fmtPercent(p.high, lang)}`, `95% confidence interval: ${fmtPercent(p.low, lang)}–${fmtPercent(p.high, lang)}`),
    p.atRisk !== null && tr(lang, `Còn theo dõi: ${fmtNumber(p.atRisk, lang)} vụ`, `Still open: ${fmtNumber(p.atRisk, lang)} cases`),
  ]);
  const shown = data.points.filter((p) => p.day <= data.maxDay);
  // Carry each step on to the edge of the axis, so a curve does not seem to stop early.
  const carried = data.years.flatMap((year) => {
    const last = shown.filter((p) => p.year === year).at(-1);
    return last && last.day < data.maxDay ? [{ ...last, day: data.maxDay }] : [];
  });
  const curves = [...shown, ...carried].sort((a, b) => (a.year === b.year ? a.day - b.day : a.year < b.year ? 1 : -1));

  return Plot.plot({
    ...baseOptions(opts),
    height: opts.height ?? 340,
    marginLeft: 48,
    marginRight: 20,
    marginTop: 28,
    marginBottom: 40,
    x: { domain: [0, data.maxDay], label: tr(lang, `Số ngày kể từ ngày thụ lý (${days})`, `Days since the case was accepted`), labelAnchor: 'center', tickFormat: (v: number) => fmtNumber(v, lang) },
    y: { domain: [0, 1], label: tr(lang, 'Số vụ chưa giải quyết xong (%)', 'Cases not yet resolved (%)'), labelAnchor: 'top', grid: true, tickFormat: (v: number) => fmtPercentTick(v, lang) },
    color: { type: 'ordinal', domain: data.years, range: colors, legend: true, tickFormat: legend },
    marks: [
      opts.band !== false
        ? Plot.areaY(curves.filter((p) => p.low !== null && p.high !== null), { x: 'day', y1: 'low', y2: 'high', z: 'year', fill: 'year', fillOpacity: 0.14, curve: 'step-after', className: 'danvan-ci' })
        : null,
      Plot.ruleY([0.5], { stroke: COLORS.muted, strokeDasharray: '2,3' }),
      Plot.text([0.5], { y: (d: number) => d, frameAnchor: 'right', dy: -7, textAnchor: 'end', fill: COLORS.muted, text: () => tr(lang, 'một nửa số vụ', 'half of the cases') }),
      Plot.line(curves, { x: 'day', y: 'survival', z: 'year', stroke: 'year', strokeWidth: 2.25, curve: 'step-after', className: 'danvan-curve' }),
      Plot.ruleX(medianMarks, { x: 'day', y1: 0, y2: 0.5, stroke: (m: { year: string }) => colorOf.get(m.year)!, strokeDasharray: '4,3', className: 'danvan-median' }),
      Plot.dot(medianMarks, { x: 'day', y: 0.5, r: 4.5, fill: 'white', stroke: (m: { year: string }) => colorOf.get(m.year)!, strokeWidth: 2 }),
      Plot.tip(shown, Plot.pointerX({ x: 'day', y: 'survival', title: tip })),
    ],
  });
}

/** "Toàn tỉnh, năm 2024: một nửa số vụ được giải quyết trong 28 ngày (năm 2023: 28 ngày; năm 2022: 27 ngày)." */
export function describeSurvivalCurves(rows: readonly SurvivalRow[], lang: Lang, opts: Omit<SurvivalCurvesOptions, 'width' | 'lang'> = {}): string {
  const data = prepareSurvivalCurves(rows, { ...opts, lang });
  const [latest, ...older] = data.years;
  if (!latest) return tr(lang, 'Chưa có số liệu về thời gian giải quyết.', 'No data on time to resolution.');
  const m = (y: string) => data.medians.get(y);
  const med = (y: string) => (m(y) == null ? tr(lang, 'chưa đến một nửa', 'fewer than half resolved') : `${fmtNumber(m(y)!, lang)} ${UNITS.day(lang)}`);
  const rest = older.map((y) => tr(lang, `năm ${y}: ${med(y)}`, `${y}: ${med(y)}`)).join('; ');
  const head = m(latest) == null
    ? tr(lang, `${data.name}, năm ${latest}: chưa đến một nửa số vụ được giải quyết trong thời gian theo dõi`, `${data.name}, ${latest}: fewer than half of the cases were resolved within the follow-up`)
    : tr(lang, `${data.name}, năm ${latest}: một nửa số vụ được giải quyết trong ${med(latest)}`, `${data.name}, ${latest}: half of the cases were resolved within ${med(latest)}`);
  return `${head}${rest ? ` (${rest})` : ''}.`;
}
