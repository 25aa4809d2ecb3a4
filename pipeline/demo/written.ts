// What a file writer hands back: the bytes, the row accounting per sheet, and where each petition went.
import type { Petition } from './model.ts';
import type { SkippedKind } from './sheet.ts';

export interface SheetInfo {
  /** null for a CSV. */
  sheet: string | null;
  data_rows: number;
  skipped: Record<SkippedKind, number>;
  encoding?: string;
}

export interface RowPosition {
  sheet: string | null;
  /** 1-based physical row (Excel) or record number counting title and header lines (CSV). */
  row: number;
}

export interface WrittenFile {
  file: string;
  sheets: SheetInfo[];
  positions: Map<Petition, RowPosition>;
  buffer?: Buffer;
}
