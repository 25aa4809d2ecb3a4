// @vitest-environment jsdom
// The quick chart: its default (first text/date column × first numeric column, the mark that suits
// x), keeping a choice valid across results, the points drawn, and the Plot figure itself.
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { axisOptions, defaultChart, defaultMark, keepChoice } from '../../dashboard/src/lib/workbench/chart-choice.ts';
import { kindOfArrowType, type ResultColumn } from '../../dashboard/src/lib/workbench/columns.ts';
import {
  CHART_MAX_BARS, CHART_MAX_ROWS, prepareQuickChart, quickChartSummary, renderQuickChart,
} from '../../dashboard/src/lib/workbench/quick-chart.ts';

const col = (name: string, kind: ResultColumn['kind']): ResultColumn => ({ name, kind });

describe('defaultChart', () => {
  it('takes the first text or date column across and the first numeric column up', () => {
    expect(defaultChart([col('rank', 'number'), col('district', 'text'), col('score', 'number')])).toEqual({ x: 'district', y: 'rank', mark: 'bar' });
    expect(defaultChart([col('received', 'number'), col('month', 'date'), col('kind', 'text')])).toEqual({ x: 'month', y: 'received', mark: 'line' });
    expect(defaultChart([col('at', 'timestamp'), col('n', 'number')])).toEqual({ x: 'at', y: 'n', mark: 'line' });
    expect(defaultChart([col('flagged', 'bool'), col('n', 'number')])).toEqual({ x: 'flagged', y: 'n', mark: 'bar' });
  });

  it('draws two numeric columns as dots, and nothing without a number', () => {
    expect(defaultChart([col('population', 'number'), col('received', 'number')])).toEqual({ x: 'population', y: 'received', mark: 'dot' });
    expect(defaultChart([col('n', 'number')])).toBeNull();
    expect(defaultChart([col('name', 'text'), col('d', 'date')])).toBeNull();
    expect(defaultChart([])).toBeNull();
    expect(defaultMark('number')).toBe('dot');
  });

  it('keeps a reader\'s choice while its columns exist, else falls back to the default', () => {
    const cols = [col('district', 'text'), col('received', 'number'), col('rate', 'number')];
    const mine = { x: 'district', y: 'rate', mark: 'dot' as const };
    expect(keepChoice(mine, cols)).toBe(mine);
    expect(keepChoice({ ...mine, y: 'gone' }, cols)).toEqual({ x: 'district', y: 'received', mark: 'bar' });
    expect(keepChoice({ ...mine, y: 'district' }, cols)).toEqual({ x: 'district', y: 'received', mark: 'bar' });
    expect(keepChoice(mine, [col('t', 'text')])).toBeNull();
    expect(axisOptions([...cols, col('blob', 'other')])).toEqual({ x: cols, y: cols.slice(1) });
  });

  it('reads column kinds from real Arrow types', () => {
    const t = tableFromArrays({
      i: Int32Array.from([1]), f: Float64Array.from([1.5]), big: BigInt64Array.from([1n]), s: ['a'], b: [true],
    });
    expect(t.schema.fields.map((f) => kindOfArrowType(f.type as never))).toEqual(['number', 'number', 'number', 'text', 'bool']);
  });
});

describe('prepareQuickChart', () => {
  const get = (xs: unknown[], ys: unknown[]) => ({ x: (i: number) => xs[i], y: (i: number) => ys[i] });

  it('sums bars per category, largest first, and leaves out NULLs', () => {
    const d = prepareQuickChart(get(['Bình Sơn', 'Ba Tơ', 'Bình Sơn', null, 'Lý Sơn'], [3, 5, 4, 9, null]), 5,
      { xKind: 'text', xName: 'district', yName: 'n', mark: 'bar', lang: 'vi' });
    expect(d.points).toEqual([{ x: 'Bình Sơn', y: 7 }, { x: 'Ba Tơ', y: 5 }]);
    expect(d.hiddenBars).toBe(0);
  });

  it('keeps the largest 60 categories', () => {
    const n = 100;
    const d = prepareQuickChart(get(Array.from({ length: n }, (_v, i) => `c${i}`), Array.from({ length: n }, (_v, i) => i)), n,
      { xKind: 'text', xName: 'c', yName: 'v', mark: 'bar', lang: 'vi' });
    expect(d.points).toHaveLength(CHART_MAX_BARS);
    expect(d.points[0]).toEqual({ x: 'c99', y: 99 });
    expect(d.hiddenBars).toBe(n - CHART_MAX_BARS);
  });

  it('sorts a line over time and reads dates as Arrow gives them (epoch ms)', () => {
    const days = [Date.UTC(2024, 2, 1), Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1)];
    const d = prepareQuickChart(get(days, [30, 10, 20n]), 3, { xKind: 'date', xName: 'month', yName: 'received', mark: 'line', lang: 'vi' });
    expect(d.points.map((p) => (p.x as Date).toISOString().slice(0, 10))).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
    expect(d.points.map((p) => p.y)).toEqual([10, 20, 30]);
    expect(quickChartSummary(d, 'vi')).toEqual({ max: '30', at: '01/03/2024', min: '10', minAt: '01/01/2024' });
    expect(quickChartSummary({ ...d, points: [] }, 'vi')).toBeNull();
  });

  it('draws at most CHART_MAX_ROWS rows and says how many', () => {
    const rows = CHART_MAX_ROWS + 500;
    const d = prepareQuickChart({ x: (i) => i, y: (i) => i * 2 }, rows, { xKind: 'number', xName: 'x', yName: 'y', mark: 'dot', lang: 'en' });
    expect(d.used).toBe(CHART_MAX_ROWS);
    expect(d.rows).toBe(rows);
    expect(d.points).toHaveLength(CHART_MAX_ROWS);
  });
});

describe('renderQuickChart', () => {
  it('draws horizontal bars for categories with vi-VN ticks', () => {
    const d = prepareQuickChart({ x: (i) => ['Huyện Bình Sơn', 'Huyện Ba Tơ'][i], y: (i) => [1500, 2500][i] }, 2,
      { xKind: 'text', xName: 'district', yName: 'received', mark: 'bar', lang: 'vi' });
    const svg = renderQuickChart(d, 640, 'vi');
    const root = svg.localName === 'svg' ? svg : svg.querySelector('svg')!;
    expect(root.querySelectorAll('rect').length).toBeGreaterThanOrEqual(2);
    const text = [...root.querySelectorAll('text')].map((t) => t.textContent).join(' ');
    expect(text).toContain('Huyện Bình Sơn');
    expect(text).toMatch(/2\.000|2\.500/);
  });

  it('draws a line over dates and dots for two numbers', () => {
    const line = prepareQuickChart({ x: (i) => Date.UTC(2024, i, 1), y: (i) => i * 10 }, 12, { xKind: 'date', xName: 'm', yName: 'n', mark: 'line', lang: 'vi' });
    const l = renderQuickChart(line, 640, 'vi');
    expect(l.querySelector('path')).not.toBeNull();
    const dots = prepareQuickChart({ x: (i) => i, y: (i) => i * i }, 20, { xKind: 'number', xName: 'a', yName: 'b', mark: 'dot', lang: 'en' });
    expect(renderQuickChart(dots, 640, 'en').querySelectorAll('circle').length).toBe(20);
    const bars = prepareQuickChart({ x: (i) => Date.UTC(2024, i, 1), y: (i) => i + 1 }, 6, { xKind: 'date', xName: 'm', yName: 'n', mark: 'bar', lang: 'vi' });
    expect(renderQuickChart(bars, 640, 'vi').querySelectorAll('rect').length).toBeGreaterThanOrEqual(6);
  });
});
