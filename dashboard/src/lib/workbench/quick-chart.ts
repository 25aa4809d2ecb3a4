// The quick chart of a query result with Observable Plot: one numeric column against another
// column, as bars, a line or dots. Bars of categories lie horizontally (long Vietnamese names stay
// readable) and sort by value; a line over time sorts by time. Rows with the same x stack (bars)
// so a result with one row per district and kind still reads as a total per district.
import * as Plot from '@observablehq/plot';
import { fmtDate } from '../format.ts';
import type { Lang } from '../i18n.ts';
import type { Mark } from './chart-choice.ts';
import { formatCell, formatNumberCell, type ColumnKind } from './columns.ts';

/** Rows the chart draws at most (SVG with more marks gets slow); the rest are left out, with a note. */
export const CHART_MAX_ROWS = 10_000;
/** Categories a bar chart shows at most: the largest ones. */
export const CHART_MAX_BARS = 60;

export interface ChartPoint {
  /** Text for categories, Date for dates and timestamps, number for numbers. */
  x: string | number | Date;
  y: number;
}

export interface QuickChartData {
  points: ChartPoint[];
  xKind: ColumnKind;
  xName: string;
  yName: string;
  mark: Mark;
  /** Rows looked at (at most CHART_MAX_ROWS) and rows in the result. */
  used: number;
  rows: number;
  /** Bars left out beyond CHART_MAX_BARS. */
  hiddenBars: number;
}

function toNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

function toX(v: unknown, kind: ColumnKind, lang: Lang): ChartPoint['x'] | null {
  if (v === null || v === undefined) return null;
  if (kind === 'date' || kind === 'timestamp') {
    const d = v instanceof Date ? v : new Date(typeof v === 'bigint' ? Number(v) : (v as number | string));
    return Number.isNaN(d.getTime()) ? null : d;
  }
  if (kind === 'number') return toNumber(v);
  return formatCell(v, { kind }, lang);
}

/**
 * The points to draw from two columns (read through `get`), NULLs left out. Bars of categories are
 * summed per category and cut to the CHART_MAX_BARS largest.
 */
export function prepareQuickChart(
  get: { x: (i: number) => unknown; y: (i: number) => unknown }, rows: number,
  opts: { xKind: ColumnKind; xName: string; yName: string; mark: Mark; lang: Lang },
): QuickChartData {
  const used = Math.min(rows, CHART_MAX_ROWS);
  let points: ChartPoint[] = [];
  for (let i = 0; i < used; i++) {
    const y = toNumber(get.y(i));
    const x = toX(get.x(i), opts.xKind, opts.lang);
    if (y === null || x === null) continue;
    points.push({ x, y });
  }
  let hiddenBars = 0;
  const categorical = opts.xKind !== 'date' && opts.xKind !== 'timestamp' && opts.xKind !== 'number';
  if (opts.mark === 'bar' && categorical) {
    const sums = new Map<string, number>();
    for (const p of points) sums.set(String(p.x), (sums.get(String(p.x)) ?? 0) + p.y);
    const sorted = [...sums].sort((a, b) => b[1] - a[1]);
    hiddenBars = Math.max(0, sorted.length - CHART_MAX_BARS);
    points = sorted.slice(0, CHART_MAX_BARS).map(([x, y]) => ({ x, y }));
  } else if (opts.mark === 'line') {
    const key = (p: ChartPoint) => (p.x instanceof Date ? p.x.getTime() : p.x);
    if (!categorical) points.sort((a, b) => (key(a) as number) - (key(b) as number));
  }
  return { points, xKind: opts.xKind, xName: opts.xName, yName: opts.yName, mark: opts.mark, used, rows, hiddenBars };
}

function xText(x: ChartPoint['x'], kind: ColumnKind, lang: Lang): string {
  if (x instanceof Date) return kind === 'timestamp' ? formatCell(x, { kind }, lang) ?? '' : fmtDate(x, lang);
  if (typeof x === 'number') return formatNumberCell(x, lang);
  return x;
}

/** The chart's main finding in words: the highest and lowest values and where they are. */
export function quickChartSummary(data: QuickChartData, lang: Lang): { max: string; at: string; min: string; minAt: string } | null {
  if (!data.points.length) return null;
  let hi = data.points[0];
  let lo = data.points[0];
  for (const p of data.points) {
    if (p.y > hi.y) hi = p;
    if (p.y < lo.y) lo = p;
  }
  return {
    max: formatNumberCell(hi.y, lang), at: xText(hi.x, data.xKind, lang),
    min: formatNumberCell(lo.y, lang), minAt: xText(lo.x, data.xKind, lang),
  };
}

const COLOR = '#0072b2'; // Okabe–Ito blue: one series, one colour.

export function renderQuickChart(data: QuickChartData, width: number, lang: Lang): SVGSVGElement | HTMLElement {
  const num = (n: number) => formatNumberCell(n, lang);
  const tipX = (x: ChartPoint['x']) => xText(x, data.xKind, lang);
  const time = data.xKind === 'date' || data.xKind === 'timestamp';
  const categorical = !time && data.xKind !== 'number';
  const base = { width, marginLeft: 64, style: { fontSize: '12px' } };
  const title = (p: ChartPoint) => `${data.xName}: ${tipX(p.x)}\n${data.yName}: ${num(p.y)}`;

  if (data.mark === 'bar' && categorical) {
    const labelWidth = Math.min(260, Math.max(60, ...data.points.map((p) => String(p.x).length * 7)));
    return Plot.plot({
      ...base,
      marginLeft: labelWidth + 10,
      height: Math.max(120, data.points.length * 22 + 50),
      x: { label: data.yName, grid: true, tickFormat: num },
      y: { label: null, domain: data.points.map((p) => String(p.x)), tickFormat: (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s) },
      marks: [
        Plot.barX(data.points, { x: 'y', y: 'x', fill: COLOR }),
        Plot.ruleX([0]),
        Plot.tip(data.points, Plot.pointerY({ x: 'y', y: 'x', title })),
      ],
    });
  }
  const xScale = time
    ? { label: data.xName, type: 'utc' as const, tickFormat: (d: Date) => fmtDate(d, lang) }
    : categorical
      ? { label: data.xName, type: 'point' as const, tickRotate: data.points.length > 12 ? -30 : 0 }
      : { label: data.xName, tickFormat: num };
  const y = { label: data.yName, grid: true, tickFormat: num };
  if (data.mark === 'bar') {
    // Bars over dates or numbers: one band per distinct value, thinned ticks when there are many.
    const distinct = [...new Set(data.points.map((p) => (p.x instanceof Date ? p.x.getTime() : p.x)))].length;
    const every = Math.max(1, Math.ceil(distinct / 12));
    return Plot.plot({
      ...base,
      height: 340,
      x: {
        label: data.xName, type: 'band',
        tickFormat: (v: ChartPoint['x'], i: number) => (i % every === 0 ? tipX(v) : ''),
      },
      y,
      marks: [
        Plot.barY(data.points, { x: 'x', y: 'y', fill: COLOR }),
        Plot.ruleY([0]),
        Plot.tip(data.points, Plot.pointerX({ x: 'x', y: 'y', title })),
      ],
    });
  }
  if (data.mark === 'line') {
    return Plot.plot({
      ...base,
      height: 340,
      marginBottom: categorical && data.points.length > 12 ? 70 : 40,
      x: xScale,
      y,
      marks: [
        Plot.lineY(data.points, { x: 'x', y: 'y', stroke: COLOR, strokeWidth: 2 }),
        ...(data.points.length <= 200 ? [Plot.dot(data.points, { x: 'x', y: 'y', fill: COLOR, r: 2.5 })] : []),
        Plot.tip(data.points, Plot.pointerX({ x: 'x', y: 'y', title })),
      ],
    });
  }
  return Plot.plot({
    ...base,
    height: 340,
    marginBottom: categorical && data.points.length > 12 ? 70 : 40,
    x: xScale,
    y,
    marks: [
      Plot.dot(data.points, { x: 'x', y: 'y', stroke: COLOR, r: 3 }),
      Plot.tip(data.points, Plot.pointer({ x: 'x', y: 'y', title })),
    ],
  });
}
