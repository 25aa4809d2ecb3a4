// Districts ranked by their Gi* z-score for one period: bars out from 0, coloured blue–white–red
// by significance band, the 99% bands also hatched (hot) or dotted (cold) and outlined, every
// significant bar labelled in words, and the 90/95/99% thresholds drawn — so hot and cold never
// rest on colour alone.
import * as Plot from '@observablehq/plot';
import { fmtNumber, fmtSigned } from '../format.ts';
import { giBandLabel, type GiBandCode } from '../i18n.ts';
import { GI_BANDS } from '../palette.ts';
import {
  baseOptions, byValueDesc, COLORS, highlightRow, isoDay, marginFor, num, periodLabel, pickPeriod, tipText, tr, unitName, UNITS,
  type Chart, type ChartOptions, type DateLike, type Lang, type Num,
} from './shared.ts';

/** Rows of hotspot_stats (the columns the hot-spot charts read). */
export interface HotspotRow {
  unit_code: string;
  grain?: string;
  period_start: DateLike;
  period_end?: DateLike;
  period_label_vi?: string;
  period_label_en?: string;
  received?: Num;
  expected?: Num;
  anomaly_z?: Num;
  received_same_period_last_year?: Num;
  gi_star_z?: Num;
  gi_band?: string | null;
  score?: Num;
  rank?: Num;
  is_flagged?: boolean | null;
  reasons_vi?: string | null;
  reasons_en?: string | null;
}

export interface HotspotGiBandsOptions extends ChartOptions {
  period?: string | null;
}

/** z thresholds of the bands (two-sided 90/95/99%), as the pipeline bands them. */
export const GI_THRESHOLDS = [
  { z: 1.645, level: '90%' },
  { z: 1.96, level: '95%' },
  { z: 2.576, level: '99%' },
] as const;

export const PATTERN_IDS = { hatch: 'danvan-gi-hatch', dots: 'danvan-gi-dots' } as const;

export interface GiBar { code: string; name: string; z: number | null; band: GiBandCode; received: number | null; rank: number | null }

export interface GiData { period: string | null; grain: string; periodLabel: { vi: string; en: string } | null; bars: GiBar[] }

const BAND_CODES = GI_BANDS.map((b) => b.code);
const isBand = (b: unknown): b is GiBandCode => BAND_CODES.includes(b as GiBandCode);

export function prepareHotspotGiBands(rows: readonly HotspotRow[], opts: Omit<HotspotGiBandsOptions, 'width'>): GiData {
  const period = pickPeriod(rows, opts.period);
  const own = rows.filter((r) => isoDay(r.period_start) === period);
  const bars = own.map((r): GiBar => ({
    code: r.unit_code, name: unitName(r.unit_code, opts), z: num(r.gi_star_z),
    band: isBand(r.gi_band) ? r.gi_band : 'none', received: num(r.received), rank: num(r.rank),
  })).sort(byValueDesc((b) => b.z, (b) => b.code));
  const first = own[0];
  return {
    period, grain: first?.grain ?? 'quarter', bars,
    periodLabel: first?.period_label_vi && first.period_label_en ? { vi: first.period_label_vi, en: first.period_label_en } : null,
  };
}

/** Short band words for the bar labels: "nóng 95%" / "hot 95%". */
function shortBand(band: GiBandCode, lang: Lang): string {
  if (band === 'none') return '';
  const [side, level] = band.split('_');
  return side === 'hot' ? tr(lang, `nóng ${level}%`, `hot ${level}%`) : tr(lang, `lạnh ${level}%`, `cold ${level}%`);
}

/** The two patterns of the strongest bands, added to the plot's <defs>. */
function patternDefs(): Plot.RenderFunction {
  return (_i, _s, _v, _d, context) => {
    const doc = context.document;
    const ns = 'http://www.w3.org/2000/svg';
    const el = (name: string, attrs: Record<string, string | number>) => {
      const e = doc.createElementNS(ns, name);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
      return e;
    };
    const defs = el('defs', {});
    const hatch = el('pattern', { id: PATTERN_IDS.hatch, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
    hatch.appendChild(el('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#ffffff', 'stroke-width': 2 }));
    const dots = el('pattern', { id: PATTERN_IDS.dots, width: 6, height: 6, patternUnits: 'userSpaceOnUse' });
    dots.appendChild(el('circle', { cx: 3, cy: 3, r: 1.3, fill: '#ffffff' }));
    defs.append(hatch, dots);
    return defs as unknown as SVGElement;
  };
}

/**
 * The legend's swatches look like the bars: the strongest bands patterned and outlined, the
 * near-white "no cluster" swatch outlined so it shows on white.
 */
function styleSwatches(chart: Chart): void {
  const doc = chart.ownerDocument;
  for (const b of GI_BANDS) {
    if (!b.pattern && b.code !== 'none') continue;
    for (const svg of chart.querySelectorAll(`svg[fill="${b.color}"]`)) {
      if (svg.closest('[class*="-swatches"]') === null) continue;
      const rect = doc.createElementNS('http://www.w3.org/2000/svg', 'rect');
      const attrs = b.pattern
        ? { width: '100%', height: '100%', fill: `url(#${PATTERN_IDS[b.pattern]})`, stroke: COLORS.ink, 'stroke-width': '2' }
        : { width: '100%', height: '100%', fill: 'none', stroke: '#8c96a0', 'stroke-width': '1.5' };
      for (const [k, v] of Object.entries(attrs)) rect.setAttribute(k, v);
      svg.appendChild(rect);
    }
  }
}

export function renderHotspotGiBands(rows: readonly HotspotRow[], opts: HotspotGiBandsOptions): Chart {
  const { lang, highlight } = opts;
  const data = prepareHotspotGiBands(rows, opts);
  const codes = data.bars.map((b) => b.code);
  const names = new Map(data.bars.map((b) => [b.code, b.name]));
  const drawn = data.bars.filter((b) => b.z !== null);
  const m = Math.max(3, Math.ceil(Math.max(0, ...drawn.map((b) => Math.abs(b.z!))) * 2) / 2);
  const style = new Map(GI_BANDS.map((b) => [b.code, b]));
  const strong = (b: GiBar) => style.get(b.band)?.pattern != null;
  const when = data.periodLabel ? data.periodLabel[lang] : data.period ? periodLabel(data.grain, data.period, lang) : '';
  const tip = (b: GiBar) => tipText([
    `${b.name}${when ? ` — ${when}` : ''}`,
    `Gi* z = ${fmtSigned(b.z, lang, 2)}: ${giBandLabel(lang, b.band)}`,
    b.received !== null && `${tr(lang, 'Đơn khiếu nại, tố cáo nhận', 'Complaints and denunciations received')}: ${fmtNumber(b.received, lang)} ${UNITS.petition(lang)}`,
    b.rank !== null && `${tr(lang, 'Hạng điểm nóng trong kỳ', 'Hot-spot rank in the period')}: ${fmtNumber(b.rank, lang)}`,
  ]);
  const thresholds = GI_THRESHOLDS.flatMap((t) => [{ ...t, x: t.z }, { ...t, x: -t.z }]);

  const chart = Plot.plot({
    ...baseOptions(opts),
    height: opts.height ?? 96 + 26 * Math.max(1, codes.length),
    marginLeft: marginFor([...names.values()], opts.width),
    marginRight: 24,
    marginTop: 36,
    marginBottom: 40,
    x: { domain: [-m, m], label: tr(lang, '← điểm lạnh      Chỉ số Gi* (z)      điểm nóng →', '← cold spot      Gi* z-score      hot spot →'), labelAnchor: 'center', labelArrow: 'none',
      tickFormat: (v: number) => fmtSigned(v, lang, 0), ticks: 2 * m + 1 },
    y: { domain: codes, label: null, tickSize: 0, tickFormat: (c: string) => names.get(c) ?? c },
    color: {
      type: 'ordinal', domain: GI_BANDS.map((b) => b.code), range: GI_BANDS.map((b) => b.color), legend: true,
      tickFormat: (b: GiBandCode) => giBandLabel(lang, b),
    },
    marks: [
      patternDefs(),
      highlightRow(codes, highlight, -m, m),
      Plot.ruleX(thresholds, { x: 'x', stroke: COLORS.muted, strokeOpacity: 0.6, strokeDasharray: '2,3', className: 'danvan-threshold' }),
      Plot.text(thresholds, { x: 'x', frameAnchor: 'top', dy: -10, text: 'level', fill: COLORS.muted, fontSize: 10 }),
      Plot.barX(drawn, {
        x1: 0, x2: 'z', y: 'code', fill: 'band', inset: 2, className: 'danvan-gi-bar',
        stroke: (b: GiBar) => (strong(b) ? COLORS.ink : '#8c96a0'), strokeWidth: (b: GiBar) => (strong(b) ? 2 : 0.75),
        ariaLabel: (b: GiBar) => tip(b).replaceAll('\n', '; '), title: tip, tip: true,
      }),
      // The pattern over the colour of the 99% bands.
      Plot.barX(drawn.filter(strong), {
        x1: 0, x2: 'z', y: 'code', inset: 2, pointerEvents: 'none', className: 'danvan-gi-pattern',
        fill: (b: GiBar) => `url(#${PATTERN_IDS[style.get(b.band)!.pattern!]})`,
      }),
      Plot.ruleX([0], { stroke: COLORS.ink }),
      // Band words on the other side of the zero line, clear of the bar and of the names.
      [true, false].map((hot) => Plot.text(drawn.filter((b) => b.band !== 'none' && (b.z! >= 0) === hot), {
        x: 0, y: 'code', dx: hot ? -6 : 6, textAnchor: hot ? 'end' : 'start', fill: COLORS.ink, fontWeight: 'bold', className: 'danvan-band-label',
        text: (b: GiBar) => shortBand(b.band, lang),
      })),
      Plot.text(data.bars.filter((b) => b.z === null), { y: 'code', x: 0, dx: 6, textAnchor: 'start', fill: COLORS.muted, text: () => tr(lang, '— không tính được', '— not computable') }),
    ],
  });
  styleSwatches(chart);
  return chart;
}

/** "Quý I/2022: 4 huyện nằm trong cụm điểm lạnh, không huyện nào trong cụm điểm nóng; mạnh nhất là Sơn Tây (z = −2,71, tin cậy 99%)." */
export function describeHotspotGiBands(rows: readonly HotspotRow[], lang: Lang, opts: Omit<HotspotGiBandsOptions, 'width' | 'lang'> = {}): string {
  const data = prepareHotspotGiBands(rows, { ...opts, lang });
  const when = data.periodLabel ? data.periodLabel[lang] : data.period ? periodLabel(data.grain, data.period, lang) : '';
  const hot = data.bars.filter((b) => b.band.startsWith('hot'));
  const cold = data.bars.filter((b) => b.band.startsWith('cold'));
  if (!hot.length && !cold.length) {
    return tr(lang, `${when}: không huyện nào nằm trong cụm điểm nóng hay điểm lạnh có ý nghĩa thống kê.`, `${when}: no district is in a statistically significant hot or cold cluster.`);
  }
  const list = (bs: GiBar[]) => bs.map((b) => b.name).join(', ');
  const part = (bs: GiBar[], vi: string, en: string) => (bs.length
    ? tr(lang, `${bs.length} huyện nằm trong cụm ${vi} (${list(bs)})`, `${bs.length} ${bs.length === 1 ? 'district is' : 'districts are'} in a ${en} cluster (${list(bs)})`)
    : tr(lang, `không huyện nào trong cụm ${vi}`, `none in a ${en} cluster`));
  const strongest = [...hot, ...cold].sort(byValueDesc((b) => Math.abs(b.z ?? 0), (b) => b.code))[0];
  const level = strongest.band.split('_')[1];
  return tr(lang,
    `${when}: ${part(hot, 'điểm nóng', 'hot-spot')}, ${part(cold, 'điểm lạnh', 'cold-spot')}; rõ nhất là ${strongest.name} (z = ${fmtSigned(strongest.z, lang, 2)}, tin cậy ${level}%).`,
    `${when}: ${part(hot, 'điểm nóng', 'hot-spot')}, ${part(cold, 'điểm lạnh', 'cold-spot')}; the strongest is ${strongest.name} (z = ${fmtSigned(strongest.z, lang, 2)}, ${level}% confidence).`);
}
