// Builds a worksheet row by row while recording what each physical row is (title, header, data…),
// so the manifest's row accounting is exactly what was written.
import * as XLSX from '@e965/xlsx';
import { excelSerial, type Day } from './calendar.ts';

export const SKIPPED_KINDS = ['title', 'header', 'column_numbers', 'section', 'total', 'blank', 'signature'] as const;
export type SkippedKind = (typeof SKIPPED_KINDS)[number];
export type RowKind = 'data' | SkippedKind;

export type Cell = string | number | XLSX.CellObject | null;

export function emptySkipped(): Record<SkippedKind, number> {
  return { title: 0, header: 0, column_numbers: 0, section: 0, total: 0, blank: 0, signature: 0 };
}

export function dateCell(d: Day): XLSX.CellObject {
  return { t: 'n', v: excelSerial(d), z: 'dd/mm/yyyy' };
}

export class SheetBuilder {
  readonly rows: Cell[][] = [];
  readonly kinds: RowKind[] = [];
  readonly merges: XLSX.Range[] = [];
  widths: number[] = [];

  /** Appends a row; returns its 1-based row number as Excel shows it. */
  add(kind: RowKind, cells: Cell[] = []): number {
    if (kind === 'blank' && cells.some((c) => c !== null && c !== '')) throw new Error('a blank row with content');
    this.rows.push(cells);
    this.kinds.push(kind);
    return this.rows.length;
  }

  /** Merge on 1-based rows and 0-based columns, both ends included. */
  merge(row1: number, col1: number, row2: number, col2: number): void {
    this.merges.push({ s: { r: row1 - 1, c: col1 }, e: { r: row2 - 1, c: col2 } });
  }

  /** Rows by kind. Every row above the first header row, blank or not, counts as a title row. */
  counts(): { data_rows: number; skipped: Record<SkippedKind, number> } {
    const skipped = emptySkipped();
    const firstHeader = this.kinds.indexOf('header');
    let data = 0;
    this.kinds.forEach((k, i) => {
      if (k === 'data') data++;
      else if (k === 'blank' && i < firstHeader) skipped.title++;
      else skipped[k]++;
    });
    return { data_rows: data, skipped };
  }

  /** The worksheet; `text` rewrites every string cell (used to type a sheet in TCVN3). */
  toSheet(text: (s: string) => string = (s) => s): XLSX.WorkSheet {
    const width = Math.max(1, ...this.rows.map((r) => r.length));
    const aoa = this.rows.map((r) =>
      r.map((c) => {
        if (typeof c === 'string') return c === '' ? null : text(c);
        if (c !== null && typeof c === 'object' && c.t === 's' && typeof c.v === 'string') return { ...c, v: text(c.v) };
        return c;
      }),
    );
    const ws = XLSX.utils.aoa_to_sheet(aoa);
    // Blank rows at the end would otherwise fall outside the sheet's range.
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: this.rows.length - 1, c: width - 1 } });
    if (this.merges.length) ws['!merges'] = this.merges;
    if (this.widths.length) ws['!cols'] = this.widths.map((wch) => ({ wch }));
    return ws;
  }
}

/** "1.234.567": thousands grouped with dots, as Vietnamese documents write numbers. */
export function vietnameseNumber(n: number): string {
  const neg = n < 0;
  const digits = String(Math.abs(Math.round(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return neg ? `-${grouped}` : grouped;
}
