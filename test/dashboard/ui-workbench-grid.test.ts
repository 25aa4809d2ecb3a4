// The virtualised grid's arithmetic: which rows to draw for a scroll position, scrolling a row into
// view, and stable column widths.
import { describe, expect, it } from 'vitest';
import { columnWidths, gridWindow, scrollToRow } from '../../dashboard/src/lib/workbench/grid-window.ts';

describe('gridWindow', () => {
  it('draws only the rows in view plus the overscan, at 100,000 rows', () => {
    const w = gridWindow(0, 440, 30, 100_000, 8);
    expect(w).toEqual({ start: 0, end: 15 + 8, offset: 0, total: 3_000_000 });
    const mid = gridWindow(1_500_000, 440, 30, 100_000, 8);
    expect(mid.start).toBe(50_000 - 8);
    expect(mid.end).toBe(Math.ceil((1_500_000 + 440) / 30) + 8);
    expect(mid.offset).toBe(mid.start * 30);
    expect(mid.end - mid.start).toBeLessThan(40);
  });

  it('every visible row is drawn wherever the scroll is', () => {
    const rows = 1234, h = 30, view = 300;
    for (let top = 0; top <= rows * h - view; top += 37) {
      const w = gridWindow(top, view, h, rows, 0);
      const firstVisible = Math.floor(top / h);
      const lastVisible = Math.min(rows - 1, Math.floor((top + view - 1) / h));
      expect(w.start).toBeLessThanOrEqual(firstVisible);
      expect(w.end - 1).toBeGreaterThanOrEqual(lastVisible);
    }
  });

  it('ends at the last row when scrolled to the bottom (or past it, after a shorter result)', () => {
    const w = gridWindow(10_000_000, 440, 30, 100, 8);
    expect(w.end).toBe(100);
    expect(w.start).toBe(100 - Math.ceil(440 / 30) - 8);
    expect(gridWindow(0, 440, 30, 5)).toEqual({ start: 0, end: 5, offset: 0, total: 150 });
  });

  it('clamps bad input instead of throwing', () => {
    expect(gridWindow(0, 440, 30, 0)).toEqual({ start: 0, end: 0, offset: 0, total: 0 });
    expect(gridWindow(-50, 440, 30, 10).start).toBe(0);
    expect(gridWindow(Number.NaN, Number.NaN, 30, 10)).toMatchObject({ start: 0, offset: 0 });
    expect(gridWindow(0, 440, 0, 10).total).toBe(10);
    expect(gridWindow(0, 0, 30, 10).end).toBeGreaterThan(0);
  });
});

describe('scrollToRow', () => {
  it('moves only as far as needed to show a row', () => {
    expect(scrollToRow(0, 300, 30, 3)).toBe(0);
    expect(scrollToRow(0, 300, 30, 10)).toBe(330 - 300);
    expect(scrollToRow(600, 300, 30, 5)).toBe(150);
  });
});

describe('columnWidths', () => {
  it('fits the header and the longest sampled value, within bounds', () => {
    const w = columnWidths(['unit_code', 'name', 'x'], [['524', 'Huyện Bình Sơn', '1'], ['522', 'Thành phố Quảng Ngãi', '2']]);
    expect(w[0]).toBe(Math.round('unit_code'.length * 1.1 * 9 + 26));
    expect(w[1]).toBe(Math.round('Thành phố Quảng Ngãi'.length * 9 + 26));
    expect(w[2]).toBe(64);
    // Wide enough for six digits and their separator at the grid's size (the 100,000th row).
    expect(columnWidths(['i'], [['99.999']])[0]).toBeGreaterThanOrEqual(6 * 8.6 + 17);
    expect(columnWidths(['a'], [['x'.repeat(500)]])[0]).toBe(360);
  });
});
