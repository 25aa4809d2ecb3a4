// The year's hot spots with their reasons: the districts flagged in hotspot_stats (grain 'year'),
// by rank, each with a bar of its composite score coloured by its Gi* band (outlined, and named in
// words in the reasons, so the band never rests on colour alone) and the reasons written out in
// full beside it — a leader reads why, not only where. A district flagged this year but not the
// year before is marked "mới"/"new".
import * as Plot from '@observablehq/plot';
import { wrap } from '../../dashboard/src/lib/export.ts';
import { fmtNumber } from '../../dashboard/src/lib/format.ts';
import { giBandLabel, type GiBandCode } from '../../dashboard/src/lib/i18n.ts';
import { GI_BANDS } from '../../dashboard/src/lib/palette.ts';
import type { HotspotRow } from '../../dashboard/src/lib/charts/hotspot-gi-bands.ts';
import { baseOptions, COLORS, isoDay, marginFor, num, tipText, tr, unitName, type ChartOptions } from '../../dashboard/src/lib/charts/shared.ts';

export interface HotspotItem {
  code: string;
  name: string;
  rank: number | null;
  score: number | null;
  band: GiBandCode;
  reasons: string;
  /** Not flagged the year before. */
  isNew: boolean;
}

export interface HotspotsData { year: number; flagged: HotspotItem[]; all: number }

const BAND_CODES = GI_BANDS.map((b) => b.code as string);

export function prepareHotspots(rows: readonly HotspotRow[], year: number, opts: Pick<ChartOptions, 'lang' | 'names'>): HotspotsData {
  const start = `${year}-01-01`;
  const prevStart = `${year - 1}-01-01`;
  const own = rows.filter((r) => isoDay(r.period_start) === start);
  const before = new Set(rows.filter((r) => isoDay(r.period_start) === prevStart && r.is_flagged).map((r) => r.unit_code));
  const havePrevious = rows.some((r) => isoDay(r.period_start) === prevStart);
  const flagged = own.filter((r) => r.is_flagged).map((r): HotspotItem => ({
    code: r.unit_code,
    name: unitName(r.unit_code, opts),
    rank: num(r.rank),
    score: num(r.score),
    band: (BAND_CODES.includes(r.gi_band ?? '') ? r.gi_band : 'none') as GiBandCode,
    reasons: (opts.lang === 'vi' ? r.reasons_vi : r.reasons_en) ?? '',
    isNew: havePrevious && !before.has(r.unit_code),
  })).sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.code < b.code ? -1 : 1));
  return { year, flagged, all: own.length };
}

/** Where the reasons start, right of the frame: past the score written after the longest bar. */
const REASONS_DX = 52;

/** Lines a text wraps to at `ems` ems per line (word by word, as Plot wraps it). */
const linesOf = (text: string, ems: number) => Math.max(1, wrap(text, ems * 11, 11).length);

export function renderHotspots(rows: readonly HotspotRow[], year: number, opts: ChartOptions & { className?: string }): SVGSVGElement | HTMLElement {
  const { lang } = opts;
  const data = prepareHotspots(rows, year, opts);
  const label = (h: HotspotItem) => `${h.rank ?? '—'}. ${h.name}${h.isNew ? tr(lang, ' (mới)', ' (new)') : ''}`;
  const labels = new Map(data.flagged.map((h) => [h.code, label(h)]));
  const marginLeft = marginFor([...labels.values()], opts.width, 60);
  const scorePx = 190;
  const marginRight = Math.max(260, opts.width - marginLeft - scorePx);
  const fontSize = 11;
  const ems = (marginRight - REASONS_DX - 8) / fontSize;
  const rowPx = Math.max(34, 10 + 15 * Math.max(1, ...data.flagged.map((h) => linesOf(h.reasons, ems))));
  const scores = data.flagged.map((h) => h.score ?? 0);
  const x0 = Math.min(0, ...scores);
  const x1 = Math.max(1, ...scores);
  const bands = GI_BANDS.filter((b) => data.flagged.some((h) => h.band === b.code));
  const tip = (h: HotspotItem) => tipText([
    label(h), `${tr(lang, 'Điểm cảnh báo', 'Hot-spot score')}: ${fmtNumber(h.score, lang, 1)}`, `Gi*: ${giBandLabel(lang, h.band)}`, h.reasons,
  ]);

  if (!data.flagged.length) {
    return Plot.plot({
      ...baseOptions(opts), ...(opts.className ? { className: opts.className } : {}), height: 60, x: { axis: null }, y: { axis: null },
      marks: [Plot.text([tr(lang, `Năm ${year} không có huyện nào được cảnh báo là điểm nóng.`, `No district was flagged as a hot spot in ${year}.`)],
        { frameAnchor: 'left', fill: COLORS.ink, fontSize: 13 })],
    });
  }
  return Plot.plot({
    ...baseOptions(opts),
    ...(opts.className ? { className: opts.className } : {}),
    height: opts.height ?? 70 + rowPx * data.flagged.length,
    marginLeft,
    marginRight,
    marginTop: 24,
    marginBottom: 40,
    x: { domain: [x0, x1], nice: true, label: tr(lang, 'Điểm cảnh báo tổng hợp', 'Composite hot-spot score'), labelAnchor: 'center', grid: true, ticks: 4, tickFormat: (v: number) => fmtNumber(v, lang) },
    y: { domain: data.flagged.map((h) => h.code), label: null, tickSize: 0, tickFormat: (c: string) => labels.get(c) ?? c, padding: 0.25 },
    color: { type: 'ordinal', domain: bands.map((b) => b.code), range: bands.map((b) => b.color), legend: true, tickFormat: (b: GiBandCode) => giBandLabel(lang, b) },
    marks: [
      Plot.barX(data.flagged, {
        x1: 0, x2: 'score', y: 'code', fill: 'band', stroke: COLORS.ink, strokeWidth: 0.75, className: 'danvan-score',
        ariaLabel: (h: HotspotItem) => tip(h).replaceAll('\n', '; '), title: tip,
      }),
      Plot.ruleX([0], { stroke: COLORS.ink }),
      Plot.text(data.flagged, { x: 'score', y: 'code', dx: 5, textAnchor: 'start', fontSize, fill: COLORS.ink, text: (h: HotspotItem) => fmtNumber(h.score, lang, 1) }),
      // The reasons, in the right margin, wrapped to its width.
      Plot.text(data.flagged, {
        y: 'code', frameAnchor: 'right', dx: REASONS_DX, textAnchor: 'start', lineWidth: ems, lineHeight: 1.3, fontSize, fill: COLORS.ink, className: 'danvan-reasons',
        text: (h: HotspotItem) => h.reasons || tr(lang, 'Chưa ghi lý do', 'No reasons recorded'),
      }),
    ],
  });
}

export function describeHotspots(rows: readonly HotspotRow[], year: number, opts: Pick<ChartOptions, 'lang' | 'names'>): string {
  const { lang } = opts;
  const data = prepareHotspots(rows, year, opts);
  if (!data.flagged.length) return tr(lang, `Năm ${year} không có huyện nào được cảnh báo là điểm nóng.`, `No district was flagged as a hot spot in ${year}.`);
  const top = data.flagged[0];
  const fresh = data.flagged.filter((h) => h.isNew).map((h) => h.name);
  const n = data.flagged.length;
  return tr(lang,
    `${n}/${data.all} huyện được cảnh báo; đứng đầu là ${top.name}${fresh.length ? `; mới so với năm ${year - 1}: ${fresh.join(', ')}` : ''}.`,
    `${n} of ${data.all} districts flagged; ${top.name} ranks first${fresh.length ? `; new since ${year - 1}: ${fresh.join(', ')}` : ''}.`);
}
