// The quick chart's sensible default: the first text or date column across, the first numeric
// column up; a line when the x axis is time, bars for categories, dots when both are numbers.
import type { ColumnKind, ResultColumn } from './columns.ts';

export const MARKS = ['bar', 'line', 'dot'] as const;
export type Mark = (typeof MARKS)[number];

export interface ChartChoice {
  x: string;
  y: string;
  mark: Mark;
}

const isNumber = (k: ColumnKind) => k === 'number';
const isTime = (k: ColumnKind) => k === 'date' || k === 'timestamp';
const isCategory = (k: ColumnKind) => k === 'text' || k === 'bool';

/** The mark that suits an x column of this kind. */
export function defaultMark(xKind: ColumnKind): Mark {
  if (isTime(xKind)) return 'line';
  if (isNumber(xKind)) return 'dot';
  return 'bar';
}

/**
 * The default chart of a result, or null when it has no numeric column (nothing to draw). With only
 * numeric columns, the second is drawn against the first (dots); a single numeric column alone has
 * no chart: two columns are needed.
 */
export function defaultChart(columns: readonly ResultColumn[]): ChartChoice | null {
  const numbers = columns.filter((c) => isNumber(c.kind));
  if (numbers.length === 0) return null;
  const x = columns.find((c) => isCategory(c.kind) || isTime(c.kind));
  if (x) return { x: x.name, y: numbers[0].name, mark: defaultMark(x.kind) };
  if (numbers.length < 2) return null;
  return { x: numbers[0].name, y: numbers[1].name, mark: 'dot' };
}

/** A choice kept valid after the result changed: columns that vanished fall back to the default. */
export function keepChoice(prev: ChartChoice | null, columns: readonly ResultColumn[]): ChartChoice | null {
  const def = defaultChart(columns);
  if (!prev || !def) return def;
  const x = columns.find((c) => c.name === prev.x);
  const y = columns.find((c) => c.name === prev.y && isNumber(c.kind));
  if (!x || !y) return def;
  return prev;
}

/** Columns offered for each axis: any column across, numbers only up. */
export function axisOptions(columns: readonly ResultColumn[]): { x: ResultColumn[]; y: ResultColumn[] } {
  return { x: columns.filter((c) => c.kind !== 'other'), y: columns.filter((c) => isNumber(c.kind)) };
}
