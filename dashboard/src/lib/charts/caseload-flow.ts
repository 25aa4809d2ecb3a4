// The caseload of one unit in one period as a waterfall: cases carried over, plus new cases, make
// the caseload; minus those resolved leaves the backlog, of which some are overdue. Bars float at
// their running level so the arithmetic can be read off the chart.
import * as Plot from '@observablehq/plot';
import { fmtNumber, fmtPercent, fmtRatio } from '../format.ts';
import { OKABE_ITO } from '../palette.ts';
import {
  baseOptions, COLORS, isoDay, isProvince, num, periodLabel, pickPeriod, tipText, tr, unitName, UNITS,
  type Chart, type ChartOptions, type Lang, type ResolutionRow,
} from './shared.ts';

export interface CaseloadFlowOptions extends ChartOptions {
  /** Unit shown: the highlighted district, else the province row, by default. */
  unit?: string | null;
  period?: string | null;
}

type StepKey = 'carried_over' | 'new_cases' | 'caseload' | 'resolved' | 'backlog_end';

export interface FlowStep {
  key: StepKey | 'overdue_end';
  label: string;
  /** Bottom and top of the floating bar. */
  y1: number;
  y2: number;
  value: number;
  sign: '+' | '−' | '=' | '';
  color: string;
}

export interface CaseloadFlowData {
  unit: string | null;
  name: string;
  period: string | null;
  grain: string;
  steps: FlowStep[];
  /** The overdue part of the backlog, drawn inside its bar. */
  overdue: FlowStep | null;
  row: ResolutionRow | null;
}

const LABELS: Record<StepKey | 'overdue_end', { vi: string; en: string }> = {
  carried_over: { vi: 'Kỳ trước\nchuyển sang', en: 'Carried\nover' },
  new_cases: { vi: 'Mới thụ lý\ntrong kỳ', en: 'New in\nthe period' },
  caseload: { vi: 'Phải\ngiải quyết', en: 'Caseload' },
  resolved: { vi: 'Đã\ngiải quyết', en: 'Resolved' },
  backlog_end: { vi: 'Tồn\ncuối kỳ', en: 'Open at\nthe end' },
  overdue_end: { vi: 'trong đó quá hạn', en: 'of which overdue' },
};

function pickRow(rows: readonly ResolutionRow[], opts: Pick<CaseloadFlowOptions, 'unit' | 'highlight' | 'period'>): ResolutionRow | null {
  const period = pickPeriod(rows, opts.period);
  const inPeriod = rows.filter((r) => isoDay(r.period_start) === period);
  const wanted = opts.unit ?? opts.highlight ?? null;
  return (wanted ? inPeriod.find((r) => r.unit_code === wanted) : undefined)
    ?? inPeriod.find((r) => isProvince(r)) ?? inPeriod[0] ?? null;
}

export function prepareCaseloadFlow(rows: readonly ResolutionRow[], opts: Omit<CaseloadFlowOptions, 'width'>): CaseloadFlowData {
  const row = pickRow(rows, opts);
  const lang = opts.lang;
  const L = (k: StepKey | 'overdue_end') => tr(lang, LABELS[k].vi, LABELS[k].en);
  if (!row) return { unit: null, name: '', period: null, grain: 'quarter', steps: [], overdue: null, row: null };
  const co = num(row.carried_over) ?? 0;
  const nw = num(row.new_cases) ?? 0;
  const load = num(row.caseload) ?? co + nw;
  const res = num(row.resolved) ?? 0;
  const backlog = num(row.backlog_end) ?? load - res;
  const overdue = num(row.overdue_end);
  const steps: FlowStep[] = [
    { key: 'carried_over', label: L('carried_over'), y1: 0, y2: co, value: co, sign: '', color: COLORS.context },
    { key: 'new_cases', label: L('new_cases'), y1: co, y2: co + nw, value: nw, sign: '+', color: OKABE_ITO.skyBlue },
    { key: 'caseload', label: L('caseload'), y1: 0, y2: load, value: load, sign: '=', color: COLORS.primary },
    { key: 'resolved', label: L('resolved'), y1: load - res, y2: load, value: res, sign: '−', color: OKABE_ITO.bluishGreen },
    { key: 'backlog_end', label: L('backlog_end'), y1: 0, y2: backlog, value: backlog, sign: '=', color: OKABE_ITO.orange },
  ];
  return {
    unit: row.unit_code, name: unitName(row.unit_code, opts), period: isoDay(row.period_start), grain: row.grain ?? 'quarter', steps, row,
    overdue: overdue === null ? null : { key: 'overdue_end', label: L('backlog_end'), y1: 0, y2: overdue, value: overdue, sign: '', color: OKABE_ITO.vermillion },
  };
}

function stepTip(s: FlowStep, data: CaseloadFlowData, lang: Lang): string {
  const unit = UNITS.case(lang);
  const r = data.row!;
  const load = num(r.caseload);
  const extra: Partial<Record<FlowStep['key'], string>> = {
    resolved: `${tr(lang, 'Tỷ lệ giải quyết', 'Resolution rate')}: ${fmtPercent(num(r.resolution_rate), lang)} (${fmtRatio(num(r.resolved), load, unit, lang)}); ${tr(lang, 'đúng hạn', 'on time')}: ${fmtRatio(num(r.on_time), num(r.resolved), unit, lang)}`,
    backlog_end: data.overdue ? `${tr(lang, 'Trong đó quá hạn', 'Of which overdue')}: ${fmtNumber(data.overdue.value, lang)} ${unit}` : undefined,
    overdue_end: `${tr(lang, 'Tồn cuối kỳ', 'Open at the end')}: ${fmtNumber(num(r.backlog_end), lang)} ${unit}`,
  };
  return tipText([
    `${data.name} — ${data.period ? periodLabel(data.grain, data.period, lang) : ''}`,
    `${(s.key === 'overdue_end' ? tr(lang, 'Tồn quá hạn cuối kỳ', 'Overdue at the end') : s.label.replace('\n', ' '))}: ${fmtNumber(s.value, lang)} ${unit}`,
    extra[s.key],
  ]);
}

export function renderCaseloadFlow(rows: readonly ResolutionRow[], opts: CaseloadFlowOptions): Chart {
  const { lang } = opts;
  const data = prepareCaseloadFlow(rows, opts);
  const keys = data.steps.map((s) => s.key);
  const label = new Map(data.steps.map((s) => [s.key, s.label]));
  const top = Math.max(1, ...data.steps.map((s) => s.y2));
  // Dashed connectors carry each running level to the next bar.
  const links = data.steps.slice(0, -1).map((s, i) => {
    const next = data.steps[i + 1];
    const level = s.key === 'resolved' ? s.y1 : s.y2;
    return { from: s.key, to: next.key, y: level };
  });
  const rate = data.row ? num(data.row.resolution_rate) : null;
  const valueText = (s: FlowStep) => `${s.sign === '+' || s.sign === '−' ? s.sign : ''}${fmtNumber(s.value, lang)}`
    + (s.key === 'resolved' && rate !== null ? ` (${fmtPercent(rate, lang)})` : '');
  const overdue = data.overdue && data.overdue.value > 0 ? [data.overdue] : [];

  return Plot.plot({
    ...baseOptions(opts),
    height: opts.height ?? 340,
    marginLeft: 52,
    marginTop: 28,
    marginBottom: 44,
    x: { domain: keys, label: null, tickSize: 0, tickFormat: (k: string) => label.get(k as StepKey) ?? k, padding: 0.3 },
    y: { domain: [0, top], nice: true, label: tr(lang, 'Số vụ việc (vụ)', 'Cases'), labelAnchor: 'top', grid: true, tickFormat: (v: number) => fmtNumber(v, lang) },
    marks: [
      // Drawn first, centre to centre: the bars cover all but the gap between them.
      Plot.link(links, { x1: 'from', x2: 'to', y1: 'y', y2: 'y', stroke: COLORS.ink, strokeOpacity: 0.6, strokeDasharray: '3,3' }),
      Plot.barY(data.steps, {
        x: 'key', y1: 'y1', y2: 'y2', fill: 'color', className: 'danvan-step',
        ariaLabel: (s: FlowStep) => stepTip(s, data, lang).replaceAll('\n', '; '), title: (s: FlowStep) => stepTip(s, data, lang), tip: true,
      }),
      Plot.barY(overdue, {
        x: () => 'backlog_end', y1: 'y1', y2: 'y2', fill: 'color', insetLeft: 10, insetRight: 10, className: 'danvan-overdue',
        ariaLabel: (s: FlowStep) => stepTip(s, data, lang).replaceAll('\n', '; '), title: (s: FlowStep) => stepTip(s, data, lang), tip: true,
      }),
      Plot.text(overdue, {
        x: () => 'backlog_end', y: 'y2', dy: -8, fill: COLORS.ink, fontSize: 11,
        text: (s: FlowStep) => `${tr(lang, LABELS.overdue_end.vi, LABELS.overdue_end.en)}: ${fmtNumber(s.value, lang)}`,
      }),
      Plot.text(data.steps, { x: 'key', y: 'y2', dy: -9, text: valueText, fill: COLORS.ink, fontWeight: 'bold', fontSize: 13 }),
      Plot.ruleY([0], { stroke: COLORS.ink }),
      Plot.text([`${data.name}${data.period ? ` — ${periodLabel(data.grain, data.period, lang)}` : ''}`], { frameAnchor: 'top-right', dy: -20, fill: COLORS.muted, text: (d: string) => d }),
      Plot.text(data.steps.length ? [] : [tr(lang, 'Không có số liệu trong kỳ này', 'No data for this period')], { frameAnchor: 'middle', text: (d: string) => d }),
    ],
  });
}

/** "Toàn tỉnh, Quý III/2024: phải giải quyết 629 vụ (189 chuyển sang, 440 mới), đã giải quyết 442 (70,3%), tồn 187, trong đó 33 quá hạn." */
export function describeCaseloadFlow(rows: readonly ResolutionRow[], lang: Lang, opts: Omit<CaseloadFlowOptions, 'width' | 'lang'> = {}): string {
  const data = prepareCaseloadFlow(rows, { ...opts, lang });
  if (!data.row) return tr(lang, 'Không có số liệu trong kỳ này.', 'No data for this period.');
  const v = (k: StepKey) => data.steps.find((s) => s.key === k)!.value;
  const n = (x: number) => fmtNumber(x, lang);
  const when = data.period ? periodLabel(data.grain, data.period, lang) : '';
  const rate = num(data.row.resolution_rate);
  const od = data.overdue?.value;
  return tr(lang,
    `${data.name}, ${when}: phải giải quyết ${n(v('caseload'))} vụ (${n(v('carried_over'))} kỳ trước chuyển sang, ${n(v('new_cases'))} mới), đã giải quyết ${n(v('resolved'))} (${fmtPercent(rate, lang)}), còn tồn ${n(v('backlog_end'))} vụ${od != null ? `, trong đó ${n(od)} vụ quá hạn` : ''}.`,
    `${data.name}, ${when}: ${n(v('caseload'))} cases to resolve (${n(v('carried_over'))} carried over, ${n(v('new_cases'))} new), ${n(v('resolved'))} resolved (${fmtPercent(rate, lang)}), ${n(v('backlog_end'))} still open${od != null ? `, ${n(od)} of them overdue` : ''}.`);
}
