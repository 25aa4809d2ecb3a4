// Query results as an aligned text table, CSV or JSON (an array of row objects).
import { csvCell } from '../publish/write-csv.ts';
import type { QueryResult } from './sandbox.ts';

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function formatResult(result: QueryResult, format: 'table' | 'csv' | 'json'): string {
  const names = result.columns.map((c) => c.name);
  if (format === 'json') return JSON.stringify(result.rows, null, 2);
  if (format === 'csv') return [names.map(csvCell).join(','), ...result.rows.map((r) => names.map((n) => csvCell(r[n])).join(','))].join('\n');
  const cells = result.rows.map((r) => names.map((n) => (r[n] === null ? 'NULL' : text(r[n]))));
  const widths = names.map((n, i) => Math.max(n.length, ...cells.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((c, i) => c.padEnd(widths[i])).join(' │ ');
  return [line(names), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...cells.map(line), `(${result.rows.length} dòng / rows${result.truncated ? '; đã cắt bớt / cut off' : ''})`].join('\n');
}
