// A value per district on the map, in classes of one sequential hue with a legend: a choropleth of
// the district boundaries when the build had a boundary file, else the gazetteer's tile grid
// (equal squares in rough geographic places), as the dashboard's map does. Every district is
// labelled with its name and value, so the map reads in print without a tooltip.
import * as Plot from '@observablehq/plot';
import { fmtNumber } from '../../dashboard/src/lib/format.ts';
import { NO_DATA, SEQUENTIAL, textOn } from '../../dashboard/src/lib/palette.ts';
import { baseOptions, niceThresholds, tipText, tr, type ChartOptions } from '../../dashboard/src/lib/charts/shared.ts';
import type { Boundary, DistrictInfo, TilePlace } from './load.ts';

export interface MapValue { code: string; value: number | null }

export interface MapOptions extends ChartOptions {
  className?: string;
  districts: readonly DistrictInfo[];
  tiles: readonly TilePlace[];
  boundaries: readonly Boundary[];
  /** Legend title and tooltip label ("Đơn/10.000 dân"). */
  label: string;
  digits?: number;
}

export interface MapClasses { thresholds: number[]; colors: string[] }

/** Round class breaks from 0 to the highest value, and one colour of the ramp per class. */
export function mapClasses(values: readonly (number | null)[]): MapClasses {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  // Breaks over the districts' own range (from 0 every district would share one or two classes),
  // as many as the ramp can tell apart.
  let thresholds: number[] = [];
  for (let count = 6; count >= 2; count--) {
    thresholds = xs.length && hi > lo ? niceThresholds(lo, hi, count) : [];
    if (thresholds.length <= SEQUENTIAL.length - 2) break;
  }
  const n = thresholds.length + 1;
  // Spread the classes over the ramp, skipping its palest step (too close to "no data" on paper).
  const colors = Array.from({ length: n }, (_, i) => SEQUENTIAL[Math.round(1 + (i * (SEQUENTIAL.length - 2)) / Math.max(1, n - 1))]);
  return { thresholds, colors };
}

export function classColor(v: number | null, c: MapClasses): string {
  if (v === null || !Number.isFinite(v)) return NO_DATA;
  let i = 0;
  while (i < c.thresholds.length && v >= c.thresholds[i]) i++;
  return c.colors[i];
}

/**
 * A boundary file keeps points a tenth of a pixel apart, far finer than print shows. Points closer
 * than `tolerance` px (about 0.3 mm on paper) to the last one kept are dropped (each ring keeps its
 * first and last point) and coordinates rounded to 0.1 px, so the map's SVG stays small.
 */
export function simplifyPath(d: string, tolerance = 1): string {
  if (!/^[ML0-9.,eZ-]+$/.test(d)) return d;
  const round = (v: number) => String(Math.round(v * 10) / 10);
  let out = '';
  for (const ring of d.split(/(?=M)/)) {
    const closed = ring.endsWith('Z');
    const pts = (closed ? ring.slice(0, -1) : ring).slice(1).split('L').map((p) => p.split(',').map(Number));
    const kept: number[][] = [];
    pts.forEach((p, i) => {
      const last = kept[kept.length - 1];
      if (!last || i === pts.length - 1 || Math.hypot(p[0] - last[0], p[1] - last[1]) >= tolerance) kept.push(p);
    });
    if (kept.length < 3 && closed) continue;
    out += `M${kept.map((p) => `${round(p[0])},${round(p[1])}`).join('L')}${closed ? 'Z' : ''}`;
  }
  return out || d;
}

interface Feature { type: 'Feature'; properties: { code: string }; geometry: unknown }

export function renderDistrictMap(values: readonly MapValue[], opts: MapOptions): SVGSVGElement | HTMLElement {
  const { lang } = opts;
  const digits = opts.digits ?? 1;
  const byCode = new Map(values.map((v) => [v.code, v.value]));
  const names = new Map(opts.districts.map((d) => [d.code, d.short_name]));
  const classes = mapClasses(values.map((v) => v.value));
  const fill = (code: string) => classColor(byCode.get(code) ?? null, classes);
  const valueText = (code: string) => fmtNumber(byCode.get(code) ?? null, lang, digits);
  const tip = (code: string) => tipText([opts.districts.find((d) => d.code === code)?.name ?? code, `${opts.label}: ${valueText(code)}`]);
  const color: Plot.ScaleOptions = {
    type: 'threshold', domain: classes.thresholds, range: classes.colors, legend: true, label: opts.label,
    tickFormat: (v: number) => fmtNumber(v, lang),
  };
  const common = { ...baseOptions(opts), ...(opts.className ? { className: opts.className } : {}) };
  const known = new Set(opts.districts.map((d) => d.code));
  const features: Feature[] = opts.boundaries.filter((b) => known.has(b.code))
    .map((b) => ({ type: 'Feature', properties: { code: b.code }, geometry: b.geometry }));

  if (features.length) {
    const fc = { type: 'FeatureCollection', features };
    const code = (f: Feature) => f.properties.code;
    const centroid = (channel: Record<string, unknown>) => Plot.centroid({ ...channel } as Plot.TextOptions);
    const map = Plot.plot({
      ...common,
      height: opts.height ?? Math.round(opts.width * 0.95),
      projection: { type: 'mercator', domain: fc as unknown as Plot.ProjectionOptions['domain'], inset: 16 },
      color,
      marks: [
        Plot.geo(features, {
          fill: (f: Feature) => byCode.get(code(f)) ?? NaN, stroke: '#ffffff', strokeWidth: 1, className: 'danvan-district',
          ariaLabel: (f: Feature) => tip(code(f)).replaceAll('\n', ': '), title: (f: Feature) => tip(code(f)),
        }),
        // Districts without a value (Plot leaves them out above): grey, never the palest class.
        Plot.geo(features.filter((f) => byCode.get(code(f)) == null), {
          fill: NO_DATA, stroke: '#ffffff', strokeWidth: 1, className: 'danvan-district danvan-no-value',
          ariaLabel: (f: Feature) => tip(code(f)).replaceAll('\n', ': '), title: (f: Feature) => tip(code(f)),
        }),
        Plot.text(features, centroid({
          text: (f: Feature) => `${names.get(code(f)) ?? code(f)}\n${valueText(code(f))}`, fontSize: 10, fontWeight: 'bold', lineHeight: 1.1,
          fill: (f: Feature) => textOn(fill(code(f))), stroke: (f: Feature) => fill(code(f)), strokeWidth: 3, paintOrder: 'stroke',
        })),
      ],
    });
    for (const path of map.querySelectorAll('g.danvan-district path')) path.setAttribute('d', simplifyPath(path.getAttribute('d') ?? ''));
    return map;
  }

  // The tile grid: districts the grid does not place go in extra rows below, so none is lost.
  const placed = opts.tiles.filter((t) => known.has(t.code));
  const cols = Math.max(1, ...placed.map((t) => t.col + 1));
  const maxRow = Math.max(-1, ...placed.map((t) => t.row));
  const missing = opts.districts.filter((d) => !placed.some((t) => t.code === d.code));
  const tiles = [...placed, ...missing.map((d, i) => ({ code: d.code, row: maxRow + 1 + Math.floor(i / cols), col: i % cols }))]
    .sort((a, b) => a.row - b.row || a.col - b.col);
  const rows = Math.max(1, ...tiles.map((t) => t.row + 1));
  const size = Math.min(96, Math.floor((opts.width - 40) / cols));
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  // Square tiles, the grid centred in the chart's width.
  const side = Math.max(20, Math.floor((opts.width - cols * size) / 2));
  return Plot.plot({
    ...common,
    width: cols * size + 2 * side,
    height: opts.height ?? rows * size + 40,
    marginLeft: side, marginRight: side, marginTop: 10, marginBottom: 30,
    x: { domain: range(cols), axis: null, padding: 0.06 },
    y: { domain: range(rows), axis: null, padding: 0.06 },
    color,
    marks: [
      Plot.cell(tiles, {
        x: 'col', y: 'row', fill: (t: TilePlace) => byCode.get(t.code) ?? NaN, rx: 4, className: 'danvan-district',
        ariaLabel: (t: TilePlace) => tip(t.code).replaceAll('\n', ': '), title: (t: TilePlace) => tip(t.code),
      }),
      Plot.cell(tiles.filter((t) => byCode.get(t.code) == null), {
        x: 'col', y: 'row', fill: NO_DATA, rx: 4, className: 'danvan-district danvan-no-value',
        ariaLabel: (t: TilePlace) => tip(t.code).replaceAll('\n', ': '), title: (t: TilePlace) => tip(t.code),
      }),
      Plot.text(tiles, {
        x: 'col', y: 'row', dy: -9, fontSize: 11, fontWeight: 'bold', lineWidth: 8,
        text: (t: TilePlace) => names.get(t.code) ?? t.code, fill: (t: TilePlace) => textOn(fill(t.code)),
      }),
      Plot.text(tiles, { x: 'col', y: 'row', dy: 14, fontSize: 13, text: (t: TilePlace) => valueText(t.code), fill: (t: TilePlace) => textOn(fill(t.code)) }),
    ],
  });
}

/** Where the value is highest and lowest, with the province beside it. */
export function describeDistrictMap(values: readonly MapValue[], province: number | null, opts: { lang: 'vi' | 'en'; districts: readonly DistrictInfo[]; unit: string; digits?: number }): string {
  const { lang } = opts;
  const d = opts.digits ?? 1;
  const name = (c: string) => opts.districts.find((x) => x.code === c)?.short_name ?? c;
  const xs = values.filter((v): v is { code: string; value: number } => v.value !== null)
    .sort((a, b) => b.value - a.value || (a.code < b.code ? -1 : 1));
  if (!xs.length) return tr(lang, 'Không có số liệu.', 'No data.');
  const hi = xs[0];
  const lo = xs[xs.length - 1];
  const prov = province !== null ? tr(lang, `Toàn tỉnh ${fmtNumber(province, lang, d)} ${opts.unit}; `, `Province ${fmtNumber(province, lang, d)} ${opts.unit}; `) : '';
  return prov + tr(lang,
    `cao nhất ở ${name(hi.code)} (${fmtNumber(hi.value, lang, d)}), thấp nhất ở ${name(lo.code)} (${fmtNumber(lo.value, lang, d)}).`,
    `highest in ${name(hi.code)} (${fmtNumber(hi.value, lang, d)}), lowest in ${name(lo.code)} (${fmtNumber(lo.value, lang, d)}).`);
}
