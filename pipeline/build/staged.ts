// What a staged source file is: its sheets as the report describes them, the options that stage
// it, and the columns every staged Parquet part of a dataset carries (canonical text columns, the
// petitioner's keyed hash, provenance). Shared by stage.ts, stage-rows.ts and the build.
import { lit, type Db } from '../db/duckdb.ts';
import { DATASET_COLUMNS, type DatasetName } from '../schema/columns.ts';
import type { SkippedKind } from '../sources/classify-rows.ts';
import type { TextEncoding } from '../sources/decode-text.ts';
import type { LegacyEncoding } from '../text/legacy-vietnamese.ts';

export type SourceType = 'csv' | 'xlsx' | 'xls' | 'ods' | 'xlsb';

export interface StagedColumn {
  index: number;
  header: string;
  column: string | null;
  flagValue?: string;
  legacy?: LegacyEncoding;
}

export interface StagedSheet {
  sheet: string | null;
  dataset: DatasetName | null;
  /** Why the sheet gave no rows (hidden, no known table); null when it was read. */
  skippedBecause: string | null;
  headerRows: { first: number; last: number } | null;
  dataStart: number | null;
  columns: StagedColumn[];
  unmapped: string[];
  missingRequired: string[];
  titleLines: string[];
  /** Physical rows of the sheet (for CSV: records), all accounted for below. */
  sourceRows: number;
  dataRows: number;
  skipped: Record<SkippedKind, number>;
}

export interface StagedFile {
  file: string;
  type: SourceType;
  encoding: TextEncoding | null;
  delimiter: string | null;
  sheets: StagedSheet[];
}

export interface StageOptions {
  secret: Buffer;
  /** Keep hidden sheets (default: skip and report them). */
  includeHidden?: boolean;
  /**
   * Where each batch of a sheet's staged rows goes as Parquet (without `_file`), written straight
   * from its rows; `part` ("0001-0003": sheet, then batch) sorts in row order. Without it they go
   * to temp tables `staged_<dataset>`.
   */
  parquetFor?: (dataset: DatasetName, part: string) => string;
  /** Rows a sheet hands to DuckDB at a time (default 100,000); tests make it small. */
  batchRows?: number;
}

/** Columns every staged dataset carries besides its canonical columns. */
export const PROVENANCE_COLUMNS = ['_file', '_sheet', '_row', '_section', '_context'] as const;

export function stagedColumnNames(dataset: DatasetName): string[] {
  const cols = DATASET_COLUMNS[dataset].filter((c) => !c.dropped && !c.personal).map((c) => c.name);
  if (dataset === 'petitions') cols.push('petitioner_key');
  return [...cols, ...PROVENANCE_COLUMNS];
}

/**
 * Whether rows of `dataset` were staged: `staged_<dataset>` exists, as the build's view over the
 * Parquet parts or as the temp table staging fills without them (inspect).
 */
export async function hasStaged(db: Db, dataset: DatasetName): Promise<boolean> {
  const found = await db.all(`SELECT 1 FROM information_schema.tables WHERE table_catalog = 'temp' AND table_name = ${lit(`staged_${dataset}`)}`);
  return found.length > 0;
}
