// CSV that Excel opens with Vietnamese intact: UTF-8 with a byte-order mark (without it Excel
// reads the bytes as the machine's code page), CRLF line ends, RFC 4180 quoting, and text cells
// neutralised against formula injection.
import { neutralise } from './neutralise.ts';

export const UTF8_BOM = '\uFEFF';

/** One value as CSV text: NULL → empty, dates as ISO, text neutralised and quoted when needed. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number' || typeof value === 'bigint') text = String(value);
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'object') text = neutralise(JSON.stringify(value));
  else text = neutralise(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: readonly unknown[]): string => `${values.map(csvCell).join(',')}\r\n`;

/** A whole table: BOM, header line, one line per row (rows as arrays in column order). */
export function toCsv(columns: readonly string[], rows: Iterable<readonly unknown[]>): string {
  let out = UTF8_BOM + csvLine(columns);
  for (const r of rows) out += csvLine(r);
  return out;
}
