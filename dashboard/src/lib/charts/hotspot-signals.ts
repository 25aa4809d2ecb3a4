// One district's hot-spot signal over time: complaints and denunciations received per period, the
// level expected from the periods before (with a band of ±2 Poisson standard deviations), and the
// periods flagged as unusually high (anomaly z ≥ 2) marked and labelled.
import * as Plot from '@observablehq/plot';
import { fmtNumber, fmtPeriodTick, fmtSigned } from '../format.ts';
import { OKABE_ITO } from '../palette.ts';
import type { HotspotRow } from './hotspot-gi-bands.ts';
import { baseOptions, COLORS, isoDay, num, periodLabel, tipText, tr, unitName, UNITS, type Chart, type ChartOptions, type Lang } from './shared.ts';

export interface HotspotSignalsOptions extends ChartOptions {
  /** The district; the highlighted one, else the first in the rows, by default. */
  unit?: string | null;
  /** Anomaly z at or above which a period is marked (2 by default). */
  threshold?: number;
}

export interface SignalPoint {
  period: string;
  label: string;
  received: number | null;
  expected: number | null;
  low: number | null;
  high: number | null;
  z: number | null;
  anomaly: boolean;
}

export interface SignalsData { unit: string | null; name: string; grain: string; threshold: number; points: SignalPoint[] }

export function prepareHotspotSignals(rows: readonly HotspotRow[], opts: Omit<HotspotSignalsOptions, 'width'>): SignalsData {
  const units = [...new Set(rows.map((r) => r.unit_code))].sort();
  const unit = [opts.unit, opts.highlight].find((u) => u && units.includes(u)) ?? units[0] ?? null;
  const threshold = opts.threshold ?? 2;
  const points = rows.filter((r) => r.unit_code === unit).map((r): SignalPoint => {
    const expected = num(r.expected);
    const z = num(r.anomaly_z);
    const period = isoDay(r.period_start);
    // ±2 standard deviations of a Poisson count around the expected level.
    const sd = expected === null ? null : Math.sqrt(Math.max(expected, 0));
    return {
      period, label: (opts.lang === 'vi' ? r.period_label_vi : r.period_label_en) ?? periodLabel(r.grain, period, opts.lang),
      received: num(r.received), expected, low: sd === null ? null : Math.max(0, expected! - 2 * sd), high: sd === null ? null : expected! + 2 * sd,
      z, anomaly: z !== null && z >= threshold,
    };
  }).sort((a, b) => (a.period < b.period ? -1 : 1));
  return { unit, name: unit ? unitName(unit, opts) : '', grain: rows.find((r) => r.unit_code === unit)?.grain ?? 'quarter', threshold, points };
}

export function renderHotspotSignals(rows: readonly HotspotRow[], opts: HotspotSignalsOptions): Chart {
  const { lang } = opts;
  const data = prepareHotspotSignals(rows, opts);
  const unit = UNITS.petition(lang);
  const periods = data.points.map((p) => p.period);
  const tickYear = new Set(periods.filter((p, i) => i === 0 || p.slice(5) === '01-01'));
  const anomalies = data.points.filter((p) => p.anomaly && p.received !== null);
  const withBand = data.points.filter((p) => p.low !== null);
  const tip = (p: SignalPoint) => tipText([
    `${data.name} — ${p.label}`,
    `${tr(lang, 'Đơn khiếu nại, tố cáo nhận', 'Complaints and denunciations received')}: ${fmtNumber(p.received, lang)} ${unit}`,
    p.expected !== null && `${tr(lang, 'Mức kỳ vọng (trung bình các kỳ trước)', 'Expected (mean of previous periods)')}: ${fmtNumber(p.expected, lang, 1)}`,
    p.z !== null && `${tr(lang, 'Độ bất thường', 'Anomaly')} z = ${fmtSigned(p.z, lang, 1)}${p.anomaly ? tr(lang, ' — cao bất thường', ' — unusually high') : ''}`,
  ]);
  const yMax = Math.max(1, ...data.points.flatMap((p) => [p.received ?? 0, p.high ?? 0]));

  return Plot.plot({
    ...baseOptions(opts),
    height: opts.height ?? 320,
    marginLeft: 48,
    marginRight: 20,
    marginTop: 30,
    marginBottom: 40,
    x: { type: 'point', domain: periods, label: null, padding: 0.3, tickSize: 0, tickFormat: (p: string) => fmtPeriodTick(data.grain, p, lang, tickYear.has(p)) },
    y: { domain: [0, yMax * 1.12], nice: true, label: tr(lang, 'Số đơn khiếu nại, tố cáo (đơn)', 'Complaints and denunciations received'), labelAnchor: 'top', grid: true, tickFormat: (v: number) => fmtNumber(v, lang) },
    color: {
      type: 'ordinal', legend: true,
      domain: ['received', 'expected', 'anomaly'],
      range: [COLORS.primary, COLORS.context, OKABE_ITO.vermillion],
      tickFormat: (k: string) => ({
        received: tr(lang, 'Số đơn nhận', 'Received'),
        expected: tr(lang, 'Mức kỳ vọng (vùng xám: dao động bình thường)', 'Expected (grey band: normal variation)'),
        anomaly: tr(lang, `Cao bất thường (z ≥ ${fmtNumber(data.threshold, lang)})`, `Unusually high (z ≥ ${fmtNumber(data.threshold, lang)})`),
      } as Record<string, string>)[k] ?? k,
    },
    marks: [
      Plot.areaY(withBand, { x: 'period', y1: 'low', y2: 'high', fill: COLORS.context, fillOpacity: 0.18, className: 'danvan-expected-band' }),
      Plot.line(data.points, { x: 'period', y: 'expected', stroke: COLORS.context, strokeWidth: 1.5, strokeDasharray: '5,4', className: 'danvan-expected' }),
      Plot.line(data.points, { x: 'period', y: 'received', stroke: COLORS.primary, strokeWidth: 2.25, className: 'danvan-received' }),
      Plot.dot(data.points.filter((p) => p.received !== null && !p.anomaly), { x: 'period', y: 'received', r: 3, fill: COLORS.primary }),
      Plot.dot(anomalies, {
        x: 'period', y: 'received', r: 6.5, fill: OKABE_ITO.vermillion, stroke: COLORS.ink, strokeWidth: 1.5, symbol: 'diamond', className: 'danvan-anomaly',
        ariaLabel: (p: SignalPoint) => tip(p).replaceAll('\n', '; '),
      }),
      Plot.text(anomalies, { x: 'period', y: 'received', dy: -16, fill: COLORS.ink, stroke: 'white', strokeWidth: 4, paintOrder: 'stroke', fontWeight: 'bold', fontSize: 11, text: (p: SignalPoint) => `z = ${fmtSigned(p.z, lang, 1)}` }),
      Plot.tip(data.points.filter((p) => p.received !== null), Plot.pointerX({ x: 'period', y: 'received', title: tip })),
    ],
  });
}

/** "Sơn Tịnh: 5 kỳ cao bất thường (z ≥ 2), gần nhất Quý III/2024 với 53 đơn so với mức kỳ vọng 39,5." */
export function describeHotspotSignals(rows: readonly HotspotRow[], lang: Lang, opts: Omit<HotspotSignalsOptions, 'width' | 'lang'> = {}): string {
  const data = prepareHotspotSignals(rows, { ...opts, lang });
  if (!data.points.length) return tr(lang, 'Không có số liệu tín hiệu điểm nóng.', 'No hot-spot signal data.');
  const an = data.points.filter((p) => p.anomaly);
  const last = data.points.filter((p) => p.received !== null).at(-1);
  if (!an.length) {
    return tr(lang,
      `${data.name}: không kỳ nào cao bất thường (z ≥ ${fmtNumber(data.threshold, lang)}); ${last ? `${last.label}: ${fmtNumber(last.received, lang)} đơn, mức kỳ vọng ${fmtNumber(last.expected, lang, 1)}` : ''}.`,
      `${data.name}: no period was unusually high (z ≥ ${fmtNumber(data.threshold, lang)}); ${last ? `${last.label}: ${fmtNumber(last.received, lang)} received, ${fmtNumber(last.expected, lang, 1)} expected` : ''}.`);
  }
  const recent = an.at(-1)!;
  return tr(lang,
    `${data.name}: ${an.length} kỳ cao bất thường (z ≥ ${fmtNumber(data.threshold, lang)}), gần nhất là ${recent.label} với ${fmtNumber(recent.received, lang)} đơn so với mức kỳ vọng ${fmtNumber(recent.expected, lang, 1)}.`,
    `${data.name}: ${an.length} ${an.length === 1 ? 'period' : 'periods'} unusually high (z ≥ ${fmtNumber(data.threshold, lang)}), the latest ${recent.label} with ${fmtNumber(recent.received, lang)} received against ${fmtNumber(recent.expected, lang, 1)} expected.`);
}
