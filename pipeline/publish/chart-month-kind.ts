// Petitions received in each month of the year, stacked by kind in the kinds' own Okabe–Ito colours
// (the dashboard's palette), the month's total written above its bar. No dashboard spec draws a
// year by month and kind, so this one lives here, built from the dashboard's helpers.
import * as Plot from '@observablehq/plot';
import { PETITION_KINDS, label } from '../schema/vocabulary.ts';
import { fmtNumber, fmtPercent, fmtPeriodTick } from '../../dashboard/src/lib/format.ts';
import { kindColor } from '../../dashboard/src/lib/palette.ts';
import { baseOptions, COLORS, tipText, tr, UNITS, type ChartOptions, type Lang } from '../../dashboard/src/lib/charts/shared.ts';
import type { MonthKindRow } from './load.ts';

const KINDS = PETITION_KINDS.map((k) => k.code as string);

export interface MonthKindData {
  year: number;
  months: string[];
  /** One row per month × kind present, months in order, kinds in vocabulary order (zeros included). */
  cells: MonthKindRow[];
  totals: { month: string; received: number }[];
  kinds: string[];
  total: number;
}

export function prepareMonthKind(rows: readonly MonthKindRow[], year: number): MonthKindData {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}-01`);
  const kinds = KINDS.filter((k) => rows.some((r) => r.kind === k && r.received > 0));
  // Kinds outside the vocabulary (none today) would still be counted, after the known ones.
  for (const r of rows) if (!kinds.includes(r.kind) && r.received > 0) kinds.push(r.kind);
  const at = new Map<string, number>();
  for (const r of rows) at.set(`${r.month}|${r.kind}`, (at.get(`${r.month}|${r.kind}`) ?? 0) + r.received);
  const cells = months.flatMap((month) => kinds.map((kind) => ({ month, kind, received: at.get(`${month}|${kind}`) ?? 0 })));
  const totals = months.map((month) => ({ month, received: cells.filter((c) => c.month === month).reduce((a, c) => a + c.received, 0) }));
  return { year, months, cells, totals, kinds, total: totals.reduce((a, t) => a + t.received, 0) };
}

export function renderMonthKind(rows: readonly MonthKindRow[], year: number, opts: ChartOptions & { className?: string }): SVGSVGElement | HTMLElement {
  const { lang } = opts;
  const data = prepareMonthKind(rows, year);
  const unit = UNITS.petition(lang);
  const monthTotal = new Map(data.totals.map((t) => [t.month, t.received]));
  const tip = (c: MonthKindRow) => tipText([
    `${fmtPeriodTick('month', c.month, lang)}/${year} — ${label('kind', c.kind, lang)}`,
    `${fmtNumber(c.received, lang)} ${unit} (${fmtPercent(monthTotal.get(c.month) ? c.received / monthTotal.get(c.month)! : null, lang)} ${tr(lang, 'của tháng', 'of the month')})`,
  ]);
  return Plot.plot({
    ...baseOptions(opts),
    ...(opts.className ? { className: opts.className } : {}),
    height: opts.height ?? 340,
    marginLeft: 52,
    marginTop: 24,
    marginBottom: 36,
    x: { domain: data.months, label: null, tickSize: 0, tickFormat: (m: string) => fmtPeriodTick('month', m, lang), padding: 0.18 },
    y: { label: tr(lang, 'Số đơn nhận (đơn)', 'Petitions received'), labelAnchor: 'top', grid: true, nice: true, tickFormat: (v: number) => fmtNumber(v, lang) },
    color: { domain: data.kinds, range: data.kinds.map(kindColor), legend: true, tickFormat: (k: string) => label('kind', k, lang) },
    marks: [
      Plot.barY(data.cells, {
        x: 'month', y: 'received', fill: 'kind', order: data.kinds, className: 'danvan-bar', insetTop: 0.5,
        ariaLabel: (c: MonthKindRow) => tip(c).replaceAll('\n', '; '), title: tip,
      }),
      Plot.text(data.totals, { x: 'month', y: 'received', dy: -7, fill: COLORS.ink, fontSize: 11, text: (t: { received: number }) => fmtNumber(t.received, lang) }),
      Plot.ruleY([0], { stroke: COLORS.ink }),
    ],
  });
}

/** "Năm 2024 nhận 5.585 đơn (tăng 12% so với năm 2023); nhiều nhất tháng 3 (612 đơn); kiến nghị, phản ánh chiếm 65,2%." */
export function describeMonthKind(rows: readonly MonthKindRow[], year: number, previous: number | null, lang: Lang, change: (r: number | null) => string): string {
  const data = prepareMonthKind(rows, year);
  if (!data.total) return tr(lang, `Năm ${year} không có đơn thư.`, `No petitions in ${year}.`);
  const unit = UNITS.petition(lang);
  const peak = [...data.totals].sort((a, b) => b.received - a.received || (a.month < b.month ? -1 : 1))[0];
  const byKind = data.kinds.map((k) => ({ k, v: data.cells.filter((c) => c.kind === k).reduce((a, c) => a + c.received, 0) }))
    .sort((a, b) => b.v - a.v);
  const ch = previous ? change((data.total - previous) / previous) : null;
  const cmp = ch ? tr(lang, ` (${ch} so với năm ${year - 1})`, ` (${ch} on ${year - 1})`) : '';
  const month = fmtPeriodTick('month', peak.month, lang);
  return tr(lang,
    `Năm ${year} nhận ${fmtNumber(data.total, lang)} ${unit}${cmp}; nhiều nhất ${month.replace(/^T/, 'tháng ')} (${fmtNumber(peak.received, lang)} ${unit}); ${label('kind', byKind[0].k, lang).toLowerCase()} chiếm ${fmtPercent(byKind[0].v / data.total, lang)}.`,
    `${year}: ${fmtNumber(data.total, lang)} ${unit} received${cmp}; the most in ${month} (${fmtNumber(peak.received, lang)}); ${label('kind', byKind[0].k, lang).toLowerCase()} ${fmtPercent(byKind[0].v / data.total, lang)} of the total.`);
}
