// Petitions received by kind, topic, channel or status: horizontal bars, largest first, labelled
// from the one vocabulary. Kinds always take their own colours; a topic/channel/status bar is split
// by kind when the rows carry it, so the same kind has the same colour here as everywhere.
import * as Plot from '@observablehq/plot';
import { label, PETITION_KINDS, ENUMS } from '../../../../pipeline/schema/vocabulary.ts';
import { fmtNumber, fmtPercent } from '../format.ts';
import { kindColor } from '../palette.ts';
import { baseOptions, COLORS, marginFor, plotWidth, num, tipText, tr, UNITS, type Chart, type ChartOptions, type Lang, type Num } from './shared.ts';

export type BreakdownBy = 'kind' | 'topic' | 'channel' | 'status';

/** Rows of the breakdown endpoint (petition_counts summed by `by`), or petition_counts itself. */
export interface BreakdownRow {
  received: Num;
  kind?: string | null;
  topic?: string | null;
  channel?: string | null;
  status?: string | null;
  unit_code?: string;
  month?: unknown;
}

export interface BreakdownOptions extends ChartOptions {
  /** The column the rows are broken down by; 'kind' by default. */
  by?: BreakdownBy;
  /** Split bars by kind when the rows carry it (true by default). */
  stackByKind?: boolean;
}

export interface BreakdownData {
  by: BreakdownBy;
  total: number;
  /** Largest first; ties in vocabulary order. */
  categories: { code: string; label: string; value: number; share: number }[];
  /** Per category × kind, when split. */
  segments: { code: string; kind: string; value: number }[] | null;
}

const KIND_CODES = PETITION_KINDS.map((k) => k.code as string);

export function prepareBreakdown(rows: readonly BreakdownRow[], opts: { by?: BreakdownBy; lang: Lang; stackByKind?: boolean }): BreakdownData {
  const { lang } = opts;
  const by = opts.by ?? 'kind';
  const vocab = ENUMS[by].map((d) => d.code as string);
  const rank = (c: string) => (vocab.includes(c) ? vocab.indexOf(c) : vocab.length);
  const totals = new Map<string, number>();
  const split = by !== 'kind' && opts.stackByKind !== false && rows.some((r) => r.kind);
  const seg = new Map<string, number>();
  for (const r of rows) {
    const code = r[by];
    const v = num(r.received);
    if (!code || v === null) continue;
    totals.set(code, (totals.get(code) ?? 0) + v);
    if (split && r.kind) seg.set(`${code}|${r.kind}`, (seg.get(`${code}|${r.kind}`) ?? 0) + v);
  }
  const total = [...totals.values()].reduce((a, b) => a + b, 0);
  const categories = [...totals].filter(([, v]) => v > 0)
    .map(([code, value]) => ({ code, label: label(by, code, lang), value, share: total ? value / total : 0 }))
    .sort((a, b) => b.value - a.value || rank(a.code) - rank(b.code) || (a.code < b.code ? -1 : 1));
  const segments = split
    ? [...seg].map(([k, value]) => { const [code, kind] = k.split('|'); return { code, kind, value }; })
      .sort((a, b) => (a.code === b.code ? KIND_CODES.indexOf(a.kind) - KIND_CODES.indexOf(b.kind) : a.code < b.code ? -1 : 1))
    : null;
  return { by, total, categories, segments };
}

const BY_LABEL: Record<BreakdownBy, { vi: string; en: string }> = {
  kind: { vi: 'loại đơn', en: 'kind' },
  topic: { vi: 'lĩnh vực', en: 'topic' },
  channel: { vi: 'nguồn đơn', en: 'channel' },
  status: { vi: 'trạng thái', en: 'status' },
};

export function renderKindTopicChannelBars(rows: readonly BreakdownRow[], opts: BreakdownOptions): Chart {
  const { lang } = opts;
  const data = prepareBreakdown(rows, opts);
  const unit = UNITS.petition(lang);
  const labels = new Map(data.categories.map((c) => [c.code, c.label]));
  const byCode = new Map(data.categories.map((c) => [c.code, c]));
  const totalTip = (c: BreakdownData['categories'][number]) => tipText([
    c.label, `${fmtNumber(c.value, lang)} ${unit} — ${fmtPercent(c.share, lang)} ${tr(lang, 'tổng số', 'of all')} (${fmtNumber(data.total, lang)} ${unit})`,
  ]);
  const segTip = (s: { code: string; kind: string; value: number }) => {
    const c = byCode.get(s.code)!;
    return tipText([`${c.label} — ${label('kind', s.kind, lang)}`, `${fmtNumber(s.value, lang)} ${unit} (${fmtPercent(s.value / c.value, lang)} ${tr(lang, 'của nhóm này', 'of this group')})`]);
  };
  const kindsPresent = KIND_CODES.filter((k) => data.segments?.some((s) => s.kind === k));
  const xMax = Math.max(1, ...data.categories.map((c) => c.value));
  const bar = data.segments
    ? Plot.barX(data.segments, {
      x: 'value', y: 'code', fill: 'kind', order: KIND_CODES, className: 'danvan-bar', inset: 0.5,
      ariaLabel: (s: { code: string; kind: string; value: number }) => segTip(s).replaceAll('\n', ': '), title: segTip, tip: true,
    })
    : Plot.barX(data.categories, {
      x: 'value', y: 'code', className: 'danvan-bar',
      fill: data.by === 'kind' ? (c: { code: string }) => kindColor(c.code) : COLORS.primary,
      ariaLabel: (c: BreakdownData['categories'][number]) => totalTip(c).replaceAll('\n', ': '), title: totalTip, tip: true,
    });

  const marginLeft = marginFor([...labels.values()], opts.width);
  return Plot.plot({
    ...baseOptions(opts),
    width: plotWidth(opts.width, marginLeft, 110),
    height: opts.height ?? (data.segments ? 80 : 50) + 28 * Math.max(1, data.categories.length),
    marginLeft,
    marginRight: 110,
    marginBottom: 40,
    x: { domain: [0, xMax], nice: true, label: tr(lang, 'Số đơn nhận (đơn)', 'Petitions received'), labelAnchor: 'center', grid: true, tickFormat: (v: number) => fmtNumber(v, lang) },
    y: { domain: data.categories.map((c) => c.code), label: null, tickSize: 0, tickFormat: (c: string) => labels.get(c) ?? c },
    color: data.segments
      ? { domain: kindsPresent, range: kindsPresent.map(kindColor), legend: true, tickFormat: (k: string) => label('kind', k, lang) }
      : undefined,
    marks: [
      bar,
      Plot.text(data.categories, {
        x: 'value', y: 'code', dx: 6, textAnchor: 'start', fill: COLORS.ink,
        text: (c: BreakdownData['categories'][number]) => `${fmtNumber(c.value, lang)} (${fmtPercent(c.share, lang)})`,
      }),
      Plot.ruleX([0], { stroke: COLORS.ink }),
    ],
  });
}

/** "Đất đai chiếm nhiều đơn nhất: 420 đơn (38,2% tổng số 1.099 đơn)." */
export function describeKindTopicChannelBars(rows: readonly BreakdownRow[], lang: Lang, opts: { by?: BreakdownBy; stackByKind?: boolean } = {}): string {
  const data = prepareBreakdown(rows, { ...opts, lang });
  const top = data.categories[0];
  const unit = UNITS.petition(lang);
  if (!top) return tr(lang, 'Không có đơn thư trong kỳ này.', 'No petitions in this period.');
  const second = data.categories[1];
  return tr(lang,
    `Theo ${BY_LABEL[data.by].vi}, "${top.label}" chiếm nhiều đơn nhất: ${fmtNumber(top.value, lang)} ${unit} (${fmtPercent(top.share, lang)} tổng số ${fmtNumber(data.total, lang)} ${unit})${second ? `, tiếp theo là "${second.label}" (${fmtPercent(second.share, lang)})` : ''}.`,
    `By ${BY_LABEL[data.by].en}, "${top.label}" accounts for the most petitions: ${fmtNumber(top.value, lang)} (${fmtPercent(top.share, lang)} of ${fmtNumber(data.total, lang)})${second ? `, followed by "${second.label}" (${fmtPercent(second.share, lang)})` : ''}.`);
}
