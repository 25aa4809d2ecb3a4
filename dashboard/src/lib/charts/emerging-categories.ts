// Districts grouped by their emerging hot-spot category (hotspot_trends), each group headed by
// its Vietnamese name (category_vi) and count, hot categories first, then cold, then "no pattern".
// A district is a labelled tile tinted by family (warm: hot, cool: cold); the words carry the
// meaning, the tint only repeats it.
import * as Plot from '@observablehq/plot';
import { EMERGING_LABELS } from '../../../../pipeline/metrics/stats/emerging-hotspot.ts';
import { fmtNumber, fmtSigned } from '../format.ts';
import { giBandStyle } from '../palette.ts';
import { baseOptions, COLORS, num, tipText, tr, unitName, type Chart, type ChartOptions, type Lang, type Num } from './shared.ts';

/** Rows of hotspot_trends. */
export interface TrendRow {
  unit_code: string;
  grain?: string;
  window_start?: unknown;
  window_end?: unknown;
  bins?: Num;
  hot_bins?: Num;
  cold_bins?: Num;
  mk_z?: Num;
  mk_p?: Num;
  category: string;
  category_vi: string;
  category_en: string;
  is_default?: boolean | null;
}

export interface EmergingCategoriesOptions extends ChartOptions {
  /** Series grain; the default series (is_default) otherwise. */
  grain?: string | null;
}

const ORDER = Object.keys(EMERGING_LABELS);

export interface EmergingTile { code: string; name: string; category: string; family: 'hot' | 'cold' | 'none'; row: string; col: number; r: TrendRow }
export interface EmergingGroup { category: string; label: string; family: EmergingTile['family']; tiles: EmergingTile[]; titleRow: string }
export interface EmergingData { grain: string | null; groups: EmergingGroup[]; rows: string[]; perRow: number }

const familyOf = (c: string): EmergingTile['family'] => (c.endsWith('_hot') ? 'hot' : c.endsWith('_cold') ? 'cold' : 'none');

export function prepareEmergingCategories(rows: readonly TrendRow[], opts: Omit<EmergingCategoriesOptions, 'width'> & { width?: number }): EmergingData {
  const grain = opts.grain ?? rows.find((r) => r.is_default)?.grain ?? rows[0]?.grain ?? null;
  const own = rows.filter((r) => grain === null || r.grain === grain);
  const perRow = Math.max(1, Math.floor(((opts.width ?? 900) - 24) / 118));
  const cats = [...new Set(own.map((r) => r.category))].sort((a, b) => (ORDER.indexOf(a) === -1 ? 99 : ORDER.indexOf(a)) - (ORDER.indexOf(b) === -1 ? 99 : ORDER.indexOf(b)) || (a < b ? -1 : 1));
  const yRows: string[] = [];
  const groups = cats.map((category, g): EmergingGroup => {
    const mine = own.filter((r) => r.category === category)
      .sort((a, b) => (num(b.hot_bins) ?? 0) - (num(a.hot_bins) ?? 0) || (num(b.mk_z) ?? 0) - (num(a.mk_z) ?? 0) || (a.unit_code < b.unit_code ? -1 : 1));
    const titleRow = `${g}:title`;
    yRows.push(titleRow);
    const tiles = mine.map((r, i): EmergingTile => ({
      code: r.unit_code, name: unitName(r.unit_code, opts), category, family: familyOf(category), row: `${g}:${Math.floor(i / perRow)}`, col: i % perRow, r,
    }));
    for (const row of new Set(tiles.map((t) => t.row))) yRows.push(row);
    return { category, label: opts.lang === 'vi' ? mine[0].category_vi : mine[0].category_en, family: familyOf(category), tiles, titleRow };
  });
  return { grain, groups, rows: yRows, perRow };
}

const FILL = { hot: giBandStyle('hot_95')!.color, cold: giBandStyle('cold_95')!.color, none: giBandStyle('none')!.color };

export function renderEmergingCategories(rows: readonly TrendRow[], opts: EmergingCategoriesOptions): Chart {
  const { lang, highlight } = opts;
  const data = prepareEmergingCategories(rows, opts);
  const tiles = data.groups.flatMap((g) => g.tiles);
  const label = new Map(data.groups.map((g) => [g.category, g.label]));
  const tip = (t: EmergingTile) => tipText([
    `${t.name}: ${label.get(t.category)}`,
    tr(lang,
      `${fmtNumber(num(t.r.hot_bins), lang)}/${fmtNumber(num(t.r.bins), lang)} kỳ là điểm nóng, ${fmtNumber(num(t.r.cold_bins), lang)} kỳ là điểm lạnh`,
      `${fmtNumber(num(t.r.hot_bins), lang)} of ${fmtNumber(num(t.r.bins), lang)} periods hot, ${fmtNumber(num(t.r.cold_bins), lang)} cold`),
    num(t.r.mk_z) !== null && `${tr(lang, 'Xu hướng (Mann–Kendall)', 'Trend (Mann–Kendall)')}: z = ${fmtSigned(num(t.r.mk_z), lang, 2)}, p = ${fmtNumber(num(t.r.mk_p), lang, 3)}`,
  ]);
  const isHi = (t: EmergingTile) => t.code === highlight;

  return Plot.plot({
    ...baseOptions(opts),
    height: opts.height ?? 16 + 30 * data.rows.length,
    marginLeft: 8,
    marginRight: 8,
    marginTop: 8,
    marginBottom: 8,
    x: { type: 'band', domain: Array.from({ length: data.perRow }, (_, i) => i), axis: null, padding: 0 },
    y: { type: 'band', domain: data.rows, axis: null, padding: 0 },
    marks: [
      Plot.text(data.groups, {
        y: 'titleRow', frameAnchor: 'left', textAnchor: 'start', dy: 4, fontWeight: 'bold', fill: COLORS.ink, className: 'danvan-category',
        text: (g: EmergingGroup) => `${g.label} (${fmtNumber(g.tiles.length, lang)} ${tr(lang, 'huyện', g.tiles.length === 1 ? 'district' : 'districts')})`,
      }),
      Plot.cell(tiles, {
        x: 'col', y: 'row', inset: 3, rx: 4, className: 'danvan-tile',
        fill: (t: EmergingTile) => FILL[t.family],
        stroke: (t: EmergingTile) => (isHi(t) ? '#000000' : t.family === 'none' ? '#8c96a0' : 'none'),
        strokeWidth: (t: EmergingTile) => (isHi(t) ? 3 : 1),
        ariaLabel: (t: EmergingTile) => tip(t).replaceAll('\n', '; '), title: tip, tip: true,
      }),
      [false, true].map((hi) => Plot.text(tiles.filter((t) => isHi(t) === hi), {
        x: 'col', y: 'row', text: 'name', fill: COLORS.ink, fontWeight: hi ? 'bold' : 'normal', pointerEvents: 'none',
      })),
    ],
  });
}

/** "4 huyện là điểm nóng liên tục trong các kỳ gần đây: Quảng Ngãi, Bình Sơn, Trà Bồng, Sơn Tịnh." */
export function describeEmergingCategories(rows: readonly TrendRow[], lang: Lang, opts: Omit<EmergingCategoriesOptions, 'width' | 'lang'> = {}): string {
  const data = prepareEmergingCategories(rows, { ...opts, lang });
  const patterned = data.groups.filter((g) => g.category !== 'no_pattern');
  const none = data.groups.find((g) => g.category === 'no_pattern')?.tiles.length ?? 0;
  if (!patterned.length) return tr(lang, 'Không huyện nào có xu hướng điểm nóng hay điểm lạnh rõ rệt.', 'No district shows a hot- or cold-spot pattern.');
  const first = patterned[0];
  const names = first.tiles.map((t) => t.name).join(', ');
  const rest = patterned.slice(1).map((g) => `${g.label.toLowerCase()}: ${g.tiles.map((t) => t.name).join(', ')}`).join('; ');
  return tr(lang,
    `${first.label} (${first.tiles.length} huyện): ${names}${rest ? `; ${rest}` : ''}${none ? `; ${none} huyện không có xu hướng rõ rệt` : ''}.`,
    `${first.label} (${first.tiles.length} ${first.tiles.length === 1 ? 'district' : 'districts'}): ${names}${rest ? `; ${rest}` : ''}${none ? `; ${none} with no pattern` : ''}.`);
}
