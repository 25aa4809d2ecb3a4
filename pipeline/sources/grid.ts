// The shape every source file is reduced to before the table is located: sheets of plain cells.

/** Excel date cells become ISO 'YYYY-MM-DD' strings (or 'YYYY-MM-DDTHH:MM:SS' when they carry a time). */
export type Cell = string | number | boolean | null;

export interface SheetGrid {
  name: string;
  hidden: boolean;
  rows: Cell[][];
  date1904: boolean;
  /** 0-based, inclusive; the top-left value is already copied into every cell of each range. */
  merges: { r0: number; c0: number; r1: number; c1: number }[];
  /** Things a clerk should know about this sheet (error cells read as empty, …), Vietnamese / English. */
  warnings?: string[];
}

/**
 * A cell as a clerk sees it in Excel's General format: 0.1 + 0.2 reads 0.3 and 1.2e22 is written
 * out in full, because these texts are matched against headers and parsed again downstream.
 */
export function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  if (typeof c === 'string') return c;
  return numberText(c);
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Object.is(n, -0) || n === 0) return '0';
  // Excel keeps 15 significant digits; anything beyond is binary floating-point noise.
  const r = Number(n.toPrecision(15));
  const s = String(r);
  if (!/e/i.test(s)) return s;
  return r.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 15 });
}

export class SourceReadError extends Error {
  readonly fileName: string;

  /** `message` is already clerk-readable: `Tệp X: … / File X: …`. */
  constructor(fileName: string, message: string) {
    super(message);
    this.name = 'SourceReadError';
    this.fileName = fileName;
  }
}
