// Resolution (or on-time) rate by district for one period, sorted by value: a dot for the period,
// a hollow ring for the period before joined by a thin line (the change), the provincial rate and
// the target as vertical rules. Rates over fewer than 10 cases are lighter; no cases → "—", no dot.
import * as Plot from '@observablehq/plot';
import { fmtPercent, fmtPercentTick, fmtPoints, fmtRatio } from '../format.ts';
import {
  baseOptions, byValueDesc, COLORS, highlightRow, isoDay, isProvince, marginFor, MIN_CASES, plotWidth, periodLabel, pickPeriod, previousPeriod,
  RATE_LABEL, rateOf, textWidth, tipText, tr, unitName, UNITS,
  type Chart, type ChartOptions, type Lang, type RateMeasure, type ResolutionRow,
} from './shared.ts';

const { ink: INK, context: CONTEXT, highlight: HIGHLIGHT, primary: PRIMARY } = COLORS;

export interface ResolutionByDistrictOptions extends ChartOptions {
  measure?: RateMeasure;
  /** First day of the period shown (ISO); the latest in the rows by default. */
  period?: string | null;
  /** The period compared with; the one before `period` in the rows by default, null for none. */
  previous?: string | null;
  /** Target rate drawn as a dashed rule (85% by default); null hides it. */
  target?: number | null;
}

export interface DistrictRate {
  code: string;
  name: string;
  value: number | null;
  num: number | null;
  den: number | null;
  uncertain: boolean;
  prev: number | null;
  prevNum: number | null;
  prevDen: number | null;
}

export interface ResolutionByDistrictData {
  measure: RateMeasure;
  grain: string;
  period: string | null;
  previous: string | null;
  /** Sorted by value (highest first, "—" last, ties by code). */
  districts: DistrictRate[];
  province: { value: number | null; num: number | null; den: number | null } | null;
  target: number | null;
}

export function prepareResolutionByDistrict(rows: readonly ResolutionRow[], opts: Omit<ResolutionByDistrictOptions, 'width'>): ResolutionByDistrictData {
  const measure = opts.measure ?? 'resolution_rate';
  const period = pickPeriod(rows, opts.period);
  const previous = opts.previous === null || !period ? null : opts.previous ?? previousPeriod(rows, period);
  const at = (p: string | null) => rows.filter((r) => p !== null && isoDay(r.period_start) === p);
  const prevByCode = new Map(at(previous).map((r) => [r.unit_code, rateOf(r, measure)]));
  const current = at(period);
  const districts = current.filter((r) => !isProvince(r)).map((r): DistrictRate => {
    const c = rateOf(r, measure);
    const p = prevByCode.get(r.unit_code);
    return {
      code: r.unit_code, name: unitName(r.unit_code, opts), value: c.value, num: c.num, den: c.den,
      uncertain: c.value !== null && (c.den ?? 0) < MIN_CASES,
      prev: p?.value ?? null, prevNum: p?.num ?? null, prevDen: p?.den ?? null,
    };
  }).sort(byValueDesc((d) => d.value, (d) => d.code));
  const prov = current.find((r) => isProvince(r));
  return {
    measure, grain: current[0]?.grain ?? rows[0]?.grain ?? 'quarter', period, previous, districts,
    province: prov ? rateOf(prov, measure) : null,
    target: opts.target === undefined ? 0.85 : opts.target,
  };
}

/** 85% rather than 85,0%: a target is a round figure. */
const fmtTarget = (t: number, lang: Lang) => fmtPercent(t, lang, Number.isInteger(Math.round(t * 1000) / 10) ? 0 : 1);

function tip(d: DistrictRate, data: ResolutionByDistrictData, lang: Lang): string {
  const unit = UNITS.case(lang);
  return tipText([
    d.name,
    `${tr(lang, RATE_LABEL[data.measure].vi, RATE_LABEL[data.measure].en)} ${data.period ? periodLabel(data.grain, data.period, lang) : ''}: ${fmtPercent(d.value, lang)} (${fmtRatio(d.num, d.den, unit, lang)})`,
    d.uncertain && tr(lang, `Dưới ${MIN_CASES} vụ — tỷ lệ chưa đủ tin cậy`, `Fewer than ${MIN_CASES} cases — rate uncertain`),
    data.previous && `${periodLabel(data.grain, data.previous, lang)}: ${fmtPercent(d.prev, lang)} (${fmtRatio(d.prevNum, d.prevDen, unit, lang)})`,
    d.value !== null && d.prev !== null && `${tr(lang, 'Thay đổi', 'Change')}: ${fmtPoints(d.value - d.prev, lang)}`,
  ]);
}

export function renderResolutionByDistrict(rows: readonly ResolutionRow[], opts: ResolutionByDistrictOptions): Chart {
  const { lang, highlight } = opts;
  const data = prepareResolutionByDistrict(rows, opts);
  const codes = data.districts.map((d) => d.code);
  const nameOf = new Map(data.districts.map((d) => [d.code, d.name]));
  const drawn = data.districts.filter((d) => d.value !== null);
  const withPrev = drawn.filter((d) => d.prev !== null);
  const isHi = (d: DistrictRate) => d.code === highlight;
  const anyUncertain = drawn.some((d) => d.uncertain);
  const label = tr(lang, RATE_LABEL[data.measure].vi, RATE_LABEL[data.measure].en);
  const refs: { x: number; text: string; dashed: boolean }[] = [];
  if (data.target !== null) refs.push({ x: data.target, text: tr(lang, `Chỉ tiêu ${fmtTarget(data.target, lang)}`, `Target ${fmtTarget(data.target, lang)}`), dashed: true });
  if (data.province?.value != null) refs.push({ x: data.province.value, text: tr(lang, `Toàn tỉnh ${fmtPercent(data.province.value, lang)}`, `Province ${fmtPercent(data.province.value, lang)}`), dashed: false });
  // Dots need no zero baseline: start a little below the lowest value (and never above 50%).
  const lowest = Math.min(0.5, ...drawn.flatMap((d) => [d.value!, d.prev ?? 1]), ...refs.map((r) => r.x));
  const x0 = Math.max(0, Math.floor((lowest - 0.02) * 10) / 10);
  const marginLeft = marginFor([...nameOf.values()], opts.width);
  const marginRight = 56;
  // Keep the two reference labels apart when they would overlap at this width.
  refs.sort((a, b) => a.x - b.x);
  const width = plotWidth(opts.width, marginLeft, marginRight);
  const px = (x: number) => ((x - x0) / (1 - x0)) * (width - marginLeft - marginRight);
  const close = refs.length === 2 && px(refs[1].x) - px(refs[0].x) < (textWidth(refs[0].text) + textWidth(refs[1].text)) / 2 + 8;

  return Plot.plot({
    ...baseOptions(opts),
    width,
    height: opts.height ?? 60 + 28 * Math.max(codes.length, 1),
    marginLeft,
    marginRight,
    marginTop: 34,
    marginBottom: 40,
    x: { domain: [x0, 1], label: `${label} (%)`, labelAnchor: 'center', tickFormat: (v: number) => fmtPercentTick(v, lang), grid: true },
    y: { domain: codes, label: null, tickFormat: (c: string) => nameOf.get(c) ?? c },
    caption: anyUncertain
      ? tr(lang, `Chấm nhạt: tỷ lệ tính trên dưới ${MIN_CASES} vụ, chưa đủ tin cậy. Vòng rỗng: kỳ trước.`, `Light dots: rate over fewer than ${MIN_CASES} cases, uncertain. Hollow rings: previous period.`)
      : data.previous ? tr(lang, 'Vòng rỗng: kỳ trước.', 'Hollow rings: previous period.') : undefined,
    marks: [
      highlightRow(codes, highlight, x0, 1),
      refs.map((r, i) => [
        Plot.ruleX([r.x], { stroke: r.dashed ? INK : CONTEXT, strokeDasharray: r.dashed ? '5,4' : undefined, strokeWidth: 1.5, className: r.dashed ? 'danvan-target' : 'danvan-province' }),
        Plot.text([r.text], { x: r.x, frameAnchor: 'top', dy: close && i === 0 ? -22 : -10, fill: INK, fontWeight: r.dashed ? 'bold' : 'normal' }),
      ]),
      Plot.link(withPrev, { x1: 'prev', x2: 'value', y: 'code', stroke: CONTEXT, strokeWidth: 1.5 }),
      Plot.dot(withPrev, { x: 'prev', y: 'code', r: 4.5, stroke: CONTEXT, strokeWidth: 1.5, fill: 'white', className: 'danvan-previous' }),
      Plot.dot(drawn, {
        x: 'value', y: 'code', r: 6,
        fill: (d: DistrictRate) => (isHi(d) ? HIGHLIGHT : PRIMARY),
        fillOpacity: (d: DistrictRate) => (d.uncertain ? 0.3 : 1),
        stroke: (d: DistrictRate) => (isHi(d) ? INK : d.uncertain ? PRIMARY : 'white'),
        strokeWidth: (d: DistrictRate) => (isHi(d) ? 2 : 1),
        className: 'danvan-value',
        ariaLabel: (d: DistrictRate) => tip(d, data, lang).replaceAll('\n', '; '),
        title: (d: DistrictRate) => tip(d, data, lang),
        tip: true,
      }),
      Plot.text(drawn, {
        x: (d: DistrictRate) => Math.max(d.value ?? 0, d.prev ?? 0), y: 'code', dx: 10, textAnchor: 'start',
        text: (d: DistrictRate) => fmtPercent(d.value, lang) + (d.uncertain ? '*' : ''),
        fill: INK, fillOpacity: (d: DistrictRate) => (d.uncertain ? 0.6 : 1), stroke: 'white', strokeWidth: 3, paintOrder: 'stroke',
      }),
      // No cases: say so where the dot would be, instead of drawing 0%.
      Plot.text(data.districts.filter((d) => d.value === null), {
        y: 'code', frameAnchor: 'left', dx: 6, textAnchor: 'start', fill: INK, fillOpacity: 0.7, className: 'danvan-no-cases',
        text: () => tr(lang, '— không có vụ việc', '— no cases'),
      }),
    ],
  });
}

/** "Sơn Hà có tỷ lệ giải quyết thấp nhất: 60,7% (17/28 vụ); 0/13 huyện đạt chỉ tiêu 85%." */
export function describeResolutionByDistrict(rows: readonly ResolutionRow[], lang: Lang, opts: Omit<ResolutionByDistrictOptions, 'width' | 'lang'> = {}): string {
  const data = prepareResolutionByDistrict(rows, { ...opts, lang });
  const drawn = data.districts.filter((d) => d.value !== null);
  if (!drawn.length) return tr(lang, 'Không có vụ việc nào phải giải quyết trong kỳ này.', 'No cases to resolve in this period.');
  const reliable = drawn.filter((d) => !d.uncertain);
  const pool = reliable.length ? reliable : drawn;
  const low = pool[pool.length - 1];
  const high = pool[0];
  const label = tr(lang, RATE_LABEL[data.measure].vi.toLowerCase(), RATE_LABEL[data.measure].en.toLowerCase());
  const when = data.period ? periodLabel(data.grain, data.period, lang) : '';
  const unit = UNITS.case(lang);
  let s = tr(lang,
    `${when}: ${low.name} có ${label} thấp nhất: ${fmtPercent(low.value, lang)} (${fmtRatio(low.num, low.den, unit, lang)}), cao nhất là ${high.name} (${fmtPercent(high.value, lang)})`,
    `${when}: ${low.name} has the lowest ${label}: ${fmtPercent(low.value, lang)} (${fmtRatio(low.num, low.den, unit, lang)}); the highest is ${high.name} (${fmtPercent(high.value, lang)})`);
  if (data.target !== null) {
    const met = drawn.filter((d) => (d.value ?? 0) >= data.target!).length;
    s += tr(lang, `; ${met}/${drawn.length} huyện đạt chỉ tiêu ${fmtTarget(data.target!, lang)}`, `; ${met} of ${drawn.length} districts meet the ${fmtTarget(data.target!, lang)} target`);
  }
  return `${s}.`;
}
