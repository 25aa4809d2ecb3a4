// The rows a virtualised grid draws: with a fixed row height, the rows in view follow from the
// scroll position alone, so 100,000 rows cost as much as the 30 on screen. A few rows more above
// and below (overscan) keep fast scrolling from showing blank space.

export interface GridWindow {
  /** First row drawn (0-based). */
  start: number;
  /** One past the last row drawn. */
  end: number;
  /** Pixels above the first row drawn (where it is positioned). */
  offset: number;
  /** Height of all rows together (the scrolling area). */
  total: number;
}

/**
 * Which rows to draw for a scroll position. Bad input (negative, NaN, a scroll position past the
 * end after the result shrank) is clamped, never thrown.
 */
export function gridWindow(scrollTop: number, viewport: number, rowHeight: number, rowCount: number, overscan = 8): GridWindow {
  const h = Number.isFinite(rowHeight) && rowHeight > 0 ? rowHeight : 1;
  const n = Number.isFinite(rowCount) && rowCount > 0 ? Math.floor(rowCount) : 0;
  const total = n * h;
  if (n === 0) return { start: 0, end: 0, offset: 0, total: 0 };
  const view = Number.isFinite(viewport) && viewport > 0 ? viewport : 0;
  const top = Math.min(Math.max(0, Number.isFinite(scrollTop) ? scrollTop : 0), Math.max(0, total - view));
  const pad = Math.max(0, Math.floor(overscan));
  const first = Math.floor(top / h);
  const last = Math.ceil((top + view) / h);
  const start = Math.max(0, first - pad);
  const end = Math.min(n, Math.max(last, first + 1) + pad);
  return { start, end, offset: start * h, total };
}

/**
 * The scroll position that brings row `index` into view (keyboard moves in the grid): unchanged
 * when it is already fully visible, else just enough to show it at the top or bottom edge.
 */
export function scrollToRow(scrollTop: number, viewport: number, rowHeight: number, index: number): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport) return Math.max(0, bottom - viewport);
  return scrollTop;
}

/**
 * Column widths in pixels from the header and a sample of formatted cells (character counts; 9 px
 * covers a tabular digit at the grid's size, `pad` the cell padding), so the columns do not jump
 * while scrolling; clamped to [min, max].
 */
export function columnWidths(
  headers: readonly string[], samples: readonly (readonly string[])[], charPx = 9, min = 64, max = 360, pad = 26,
): number[] {
  return headers.map((h, j) => {
    // The header is bold: a little wider per character.
    let chars = h.length * 1.1;
    for (const row of samples) chars = Math.max(chars, (row[j] ?? '').length);
    return Math.round(Math.min(max, Math.max(min, chars * charPx + pad)));
  });
}
