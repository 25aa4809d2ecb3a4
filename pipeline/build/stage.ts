// Stage one source file: read it (CSV through DuckDB's reader, .xlsx through our streaming reader,
// other workbooks through SheetJS), find each sheet's table and hand its rows to stage-rows.ts, which
// classifies them, maps them onto canonical columns, hashes personal data and keeps the data rows as
// text. Typing and validation happen later, at build, over all files at once. Personal data is
// hashed here, so it never reaches a staged file.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { appendRows, lit, type Db } from '../db/duckdb.ts';
import { RowSpool } from '../db/row-spool.ts';
import { DATASET_COLUMNS, type DatasetName } from '../schema/columns.ts';
import type { HeaderMatch } from '../schema/header-match.ts';
import { excelSerialToIso } from '../schema/values.ts';
import { SKIPPED_KINDS, type SkippedKind } from '../sources/classify-rows.ts';
import { parseCsvRows, sniffDelimiter } from '../sources/csv-text.ts';
import { prepareCsv } from '../sources/csv-file.ts';
import { cellText, SourceReadError, type Cell } from '../sources/grid.ts';
import { locateTable } from '../sources/locate-table.ts';
import { readWorkbook } from '../sources/read-excel.ts';
import { streamXlsxSheets } from '../sources/xlsx-stream.ts';
import { convertLegacyColumn, decodeTcvn3, decodeVni, type LegacyEncoding } from '../text/legacy-vietnamese.ts';
import { SheetStager } from './stage-rows.ts';

import type { SourceType, StagedFile, StagedSheet, StageOptions } from './staged.ts';

export function sourceTypeOf(path: string): SourceType | null {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.xls') return 'xls';
  if (ext === '.ods') return 'ods';
  if (ext === '.xlsb') return 'xlsb';
  return null;
}

/**
 * Stages `path` into temp tables `staged_<dataset>` of `db` (appending), and returns what was
 * found. `label` is the file name recorded as provenance (relative to the sources folder).
 */
export async function stageFile(db: Db, path: string, label: string, opts: StageOptions): Promise<StagedFile> {
  const type = sourceTypeOf(path);
  if (!type) throw new SourceReadError(label, `Tệp ${label}: không phải tệp CSV hoặc Excel. / File ${label}: not a CSV or Excel file.`);
  if (type === 'csv') return stageCsv(db, path, label, opts);
  const staged: StagedFile = { file: label, type, encoding: null, delimiter: null, sheets: [] };
  if (type === 'xlsx') {
    // Streamed, so a million-row workbook never has to fit in memory (xlsx-stream.ts). JavaScript
    // reads on one core while DuckDB stages the previous batch on the other.
    const [{ threads }] = await db.all<{ threads: string }>("SELECT current_setting('threads')::VARCHAR AS threads");
    await db.run('SET threads = 1');
    try {
      for await (const sheet of streamXlsxSheets(path, label)) {
        staged.sheets.push(await stageSheet(db, { ...sheet, rows: cellsOf(sheet.rows()) }, label, opts, staged.sheets.length));
      }
    } finally {
      await db.run(`SET threads = ${Number(threads)}`);
    }
    return staged;
  }
  const wb = readWorkbook(readFileSync(path), label);
  staged.type = wb.format;
  for (const grid of wb.sheets) {
    staged.sheets.push(await stageSheet(db, { ...grid, rows: fromArray(grid.rows) }, label, opts, staged.sheets.length));
  }
  return staged;
}

async function* cellsOf(rows: AsyncIterable<{ r: number; cells: Cell[] }>): AsyncGenerator<Cell[]> {
  for await (const row of rows) yield row.cells;
}

async function* fromArray(rows: Cell[][]): AsyncGenerator<Cell[]> {
  yield* rows;
}

async function stageCsv(db: Db, path: string, label: string, opts: StageOptions): Promise<StagedFile> {
  const prepared = await prepareCsv(path, label, sniffDelimiter);
  try {
    const { delimiter } = prepared;
    const staged: StagedFile = { file: label, type: 'csv', encoding: prepared.encoding, delimiter, sheets: [] };
    const head = parseCsvRows(prepared.head, delimiter, 60);
    const { grid: headGrid } = convertLegacyGrid(head);
    const located = locateTable(headGrid.map((r) => r.map((c) => c ?? '')));
    const headWidth = Math.max(...head.map((r) => r.length), 1);
    let width = headWidth + SPARE_COLUMNS;
    const sheet = emptySheet(null, 0);
    staged.sheets.push(sheet);
    const colSpec = Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
    // Every record as text, in file order: a table's rowid is the record number a clerk sees.
    await db.run(`CREATE OR REPLACE TEMP TABLE raw_csv AS SELECT * FROM read_csv(${lit(prepared.path)},
      columns = {${colSpec}}, header = false, delim = ${lit(delimiter)}, quote = '"', escape = '"',
      null_padding = true, strict_mode = false, all_varchar = true, skip = 0,
      ignore_errors = false, auto_detect = false)`);
    try {
      if (!located) {
        sheet.skippedBecause = noTableReason(label);
        sheet.sourceRows = Number((await db.all<{ n: bigint }>('SELECT count(*) AS n FROM raw_csv'))[0].n);
        return staged;
      }
      width = await dropEmptySpareColumns(db, 'raw_csv', headWidth, width);
      // A view, not a copy: a million wide rows are costly to copy.
      await db.run('CREATE OR REPLACE TEMP VIEW raw AS SELECT (rowid + 1)::INTEGER AS _row, * FROM raw_csv');
      const legacy = await convertLegacyInDb(db, width, 'raw_csv');
      const stager = new SheetStager(db, sheet, located, width, label, null, legacy, opts, 0);
      await stager.stage();
      await stager.finish();
    } finally {
      await db.run('DROP VIEW IF EXISTS raw; DROP TABLE raw_csv');
    }
    return staged;
  } finally {
    prepared.cleanup();
  }
}

/**
 * Spare columns (for rows wider than the header) that no row filled are dropped: each costs 16 bytes
 * a row in memory even when empty, and a million-row table must leave DuckDB room to work.
 */
async function dropEmptySpareColumns(db: Db, table: string, headWidth: number, width: number): Promise<number> {
  const spare = Array.from({ length: width - headWidth }, (_, i) => `c${headWidth + i}`);
  if (!spare.length) return width;
  const [filled] = await db.all<Record<string, bigint>>(`SELECT ${spare.map((c) => `count(${c}) AS ${c}`).join(', ')} FROM ${table}`);
  let kept = width;
  while (kept > headWidth && Number(filled[`c${kept - 1}`]) === 0) kept--;
  if (kept < width) await db.run(spare.slice(kept - headWidth).map((c) => `ALTER TABLE ${table} DROP COLUMN ${c};`).join('\n'));
  return kept;
}

/** A sheet as its rows in order, whether read whole (xls, ods) or streamed (xlsx). */
interface SheetRows {
  name: string;
  hidden: boolean;
  date1904: boolean;
  rows: AsyncIterable<Cell[]>;
}

/** Rows read before deciding where the table is and which columns use a legacy font. */
const HEAD_ROWS = 60;
/** Columns kept beyond the widest head row, for data rows wider than their header. */
const SPARE_COLUMNS = 8;
/** Rows a sheet hands to DuckDB at a time: large enough for DuckDB to work well, small enough to overlap reading. */
const BATCH_ROWS = 100_000;

async function stageSheet(db: Db, src: SheetRows, label: string, opts: StageOptions, part: number): Promise<StagedSheet> {
  const sheet = emptySheet(src.name, 0);
  const it = src.rows[Symbol.asyncIterator]();
  const head: Cell[][] = [];
  let exhausted = false;
  while (head.length < HEAD_ROWS) {
    const next = await it.next();
    if (next.done) { exhausted = true; break; }
    head.push(next.value);
  }
  const drain = async () => {
    let n = head.length;
    if (!exhausted) while (!(await it.next()).done) n++;
    return n;
  };
  if (src.hidden && !opts.includeHidden) {
    sheet.skippedBecause = 'hidden';
    sheet.sourceRows = await drain();
    return sheet;
  }
  const width = Math.max(1, ...head.map((r) => r.length)) + SPARE_COLUMNS;
  const text = head.map((r) => Array.from({ length: width }, (_, i) => cellText(r[i] ?? null)));
  const { grid: fixed, legacy } = convertLegacyGrid(text);
  const located = locateTable(fixed);
  if (!located) {
    sheet.skippedBecause = noTableReason(label, src.name);
    sheet.sourceRows = await drain();
    return sheet;
  }
  // Excel keeps dates as serial numbers; in a date column a number is a date in the workbook's system.
  const dateCols = new Set(located.columns.filter((c) => isDateColumn(located.dataset, c.match)).map((c) => c.index));
  const decoders = new Map([...legacy].map(([c, enc]) => [c, enc === 'tcvn3' ? decodeTcvn3 : decodeVni]));
  const columns = [{ name: '_row', type: 'INTEGER' as const }, ...Array.from({ length: width }, (_, i) => ({ name: `c${i}`, type: 'VARCHAR' as const }))];
  const stager = new SheetStager(db, sheet, located, width, label, src.name, legacy, opts, part);
  const batchRows = opts.batchRows ?? BATCH_ROWS;
  // Rows are spooled in batches; DuckDB stages one batch while the next is still being read.
  let spool = null as RowSpool | null; // (not narrowed to null: the closures below assign it)
  let spooled = 0;
  let handed = 0;
  let staging: Promise<void> = Promise.resolve();
  const handOver = () => {
    const ready = spool ?? new RowSpool(columns);
    spool = null;
    spooled = 0;
    handed++;
    staging = staging.then(async () => {
      await ready.load(db, 'raw');
      await stager.stage();
    }, (e: unknown) => {
      ready.discard();
      throw e;
    });
    staging.catch(() => {}); // awaited below; a failure must not surface as unhandled meanwhile
  };
  const values: (string | number | null)[] = new Array(width + 1);
  const writeRow = (cells: Cell[], r: number, headText?: string[]): void => {
    values[0] = r + 1;
    for (let c = 0; c < width; c++) {
      const cell: Cell = cells[c] ?? null;
      let t = headText ? headText[c] : cellText(cell);
      if (!headText && decoders.has(c) && /[\u0080-\uffff]/.test(t)) t = decoders.get(c)!(t);
      if (dateCols.has(c) && typeof cell === 'number') values[c + 1] = serialToIso(cell, src.date1904) ?? t;
      // A decimal comma keeps 1.234 (one point two) from reading as the Vietnamese "1.234" (a thousand).
      else if (typeof cell === 'number' && !Number.isInteger(cell)) values[c + 1] = t.replace('.', ',');
      else values[c + 1] = t === '' ? null : t;
    }
    (spool ??= new RowSpool(columns)).row(values);
    if (++spooled === batchRows) handOver();
  };
  let total = head.length;
  try {
    for (let r = located.dataStart; r < head.length; r++) writeRow(head[r], r, fixed[r]);
    if (!exhausted) {
      for (;;) {
        const next = await it.next();
        if (next.done) break;
        writeRow(next.value, total++);
      }
    }
    // The last rows; and a table with no data rows still goes through once, to be accounted for.
    if (spool || handed === 0) handOver();
    await staging;
  } catch (e) {
    spool?.discard();
    await staging.catch(() => {});
    throw e;
  } finally {
    await db.run('DROP TABLE IF EXISTS raw');
  }
  sheet.sourceRows = total;
  await stager.finish();
  return sheet;
}

function serialToIso(serial: number, date1904: boolean): string | null {
  try {
    return excelSerialToIso(serial, date1904);
  } catch {
    return null; // not a real date (Excel's 29/02/1900, negative): the parser explains it later
  }
}

function emptySheet(name: string | null, sourceRows: number): StagedSheet {
  return {
    sheet: name, dataset: null, skippedBecause: null, headerRows: null, dataStart: null, columns: [], unmapped: [],
    missingRequired: [], titleLines: [], sourceRows, dataRows: 0,
    skipped: Object.fromEntries(SKIPPED_KINDS.map((k) => [k, 0])) as Record<SkippedKind, number>,
  };
}

function noTableReason(label: string, sheet?: string): string {
  const where = sheet ? `${label} › ${sheet}` : label;
  return `Không tìm thấy bảng đơn thư, kết quả phong trào hay dân số trong ${where} (không nhận ra tên cột). / No petition, campaign or population table found in ${where}.`;
}

function isDateColumn(dataset: DatasetName, match: HeaderMatch | null): boolean {
  if (!match || 'flagValue' in match) return false;
  return DATASET_COLUMNS[dataset].find((c) => c.name === match.column)?.type === 'date';
}

/** Legacy-font columns (TCVN3, VNI) are decided per column of the whole sheet, then converted. */
function convertLegacyGrid(rows: string[][]): { grid: string[][]; legacy: Map<number, LegacyEncoding> } {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const grid = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  const legacy = new Map<number, LegacyEncoding>();
  for (let c = 0; c < width; c++) {
    const values = grid.map((r) => r[c]);
    const converted = convertLegacyColumn(values);
    if (converted.encoding) {
      legacy.set(c, converted.encoding);
      converted.values.forEach((v, r) => (grid[r][c] = v));
    }
  }
  // A sheet typed in a legacy font is typed in it throughout: columns with too little text to judge
  // on their own ("S§T" over phone numbers) follow the sheet's verdict.
  const verdicts = new Set(legacy.values());
  if (verdicts.size === 1) {
    const encoding = [...verdicts][0];
    const decode = encoding === 'tcvn3' ? decodeTcvn3 : decodeVni;
    for (let c = 0; c < width; c++) {
      if (legacy.has(c)) continue;
      let changed = false;
      for (const row of grid) {
        if (!/[\u0080-\uffff]/.test(row[c])) continue;
        const fixed = decode(row[c]);
        if (fixed !== row[c]) { row[c] = fixed; changed = true; }
      }
      if (changed) legacy.set(c, encoding);
    }
  }
  return { grid, legacy };
}

/** The same decision for a CSV already in DuckDB (view `raw` over `table`): only distinct values travel to JavaScript. */
async function convertLegacyInDb(db: Db, width: number, table: string): Promise<Map<number, LegacyEncoding>> {
  // Judge on an evenly spread sample (a clerk's font runs through the whole file); convert the
  // whole column only when the sample says it is legacy text — rare, so usually one cheap query.
  const [{ n }] = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${table}`);
  const step = Math.max(1, Math.ceil(Number(n) / 20_000));
  // Only each column's distinct candidate texts travel to JavaScript, not the sampled rows.
  const lists = Array.from({ length: width }, (_, c) => `list(DISTINCT c${c}) FILTER (WHERE regexp_matches(c${c}, '[\\x80-\\xff]')) AS c${c}`);
  const [sample] = await db.all<Record<string, string[] | null>>(`SELECT ${lists.join(', ')} FROM raw WHERE _row % ${step} = 0 OR _row <= 200`);
  const legacy = new Map<number, LegacyEncoding>();
  for (let c = 0; c < width; c++) {
    const values = sample[`c${c}`] ?? [];
    if (values.length === 0 || !convertLegacyColumn(values).encoding) continue;
    const all = (await db.all<{ v: string }>(`SELECT DISTINCT c${c} AS v FROM ${table} WHERE regexp_matches(c${c}, '[\\x80-\\xff]')`)).map((d) => d.v);
    const converted = convertLegacyColumn(all);
    if (!converted.encoding) continue;
    legacy.set(c, converted.encoding);
    await appendRows(db, 'legacy_map', [{ name: 'raw', type: 'VARCHAR' }, { name: 'fixed', type: 'VARCHAR' }], all.map((v, i) => [v, converted.values[i]]));
    await db.run(`UPDATE ${table} SET c${c} = m.fixed FROM legacy_map m WHERE ${table}.c${c} = m.raw`);
  }
  return legacy;
}
