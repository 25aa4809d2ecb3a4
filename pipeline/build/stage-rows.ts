// A located table's rows → staged rows. The rows arrive in DuckDB as `raw(_row, c0 … cN)` — a whole
// CSV at once, or a sheet in batches while the rest of it is still being read — and each batch is
// classified, projected onto the canonical columns, hashed and written out (a Parquet part, or the
// temp table `staged_<dataset>`) in one statement. Only a report's furniture rows (sections, totals,
// blanks, signatures: a few) are kept aside, so a million wide rows are never copied in between.
// Classification is row by row except two things that only look upwards, which is why batches in
// order give the same answer as one: the signature block (every row from the first signature line
// on) and a section's heading (the latest one above a row).
import { ident, lit, type Db } from '../db/duckdb.ts';
import { hmacSql, petitionerMessageSql } from '../privacy/petitioner-key.ts';
import type { DatasetName } from '../schema/columns.ts';
import { classifyRowsSql, type SkippedKind } from '../sources/classify-rows.ts';
import type { LocatedTable } from '../sources/locate-table.ts';
import type { LegacyEncoding } from '../text/legacy-vietnamese.ts';
import { hasStaged, stagedColumnNames, type StagedColumn, type StagedSheet, type StageOptions } from './staged.ts';

export class SheetStager {
  private readonly dataset: DatasetName;
  private readonly byColumn = new Map<string, StagedColumn[]>();
  private readonly keyCols: StagedColumn[];
  private firstSig: number | null = null;
  private furnitureRows = 0;
  private sections = false;
  private bodyRows = 0;
  private lastRow = 0;
  private batch = 0;

  constructor(
    private readonly db: Db,
    private readonly sheet: StagedSheet,
    private readonly located: LocatedTable,
    private readonly width: number,
    private readonly label: string,
    private readonly sheetName: string | null,
    legacy: Map<number, LegacyEncoding>,
    private readonly opts: StageOptions,
    /** The sheet's number in its file: staged parts are named by it, then by batch. */
    private readonly part: number,
  ) {
    this.dataset = located.dataset;
    sheet.dataset = located.dataset;
    sheet.headerRows = { first: located.headerRows.first + 1, last: located.headerRows.last + 1 };
    sheet.dataStart = located.dataStart + 1;
    sheet.titleLines = located.titleLines;
    sheet.missingRequired = located.missingRequired;
    sheet.columns = located.columns.map((c) => ({
      index: c.index,
      header: c.path.filter((p, i) => i === 0 || p !== c.path[i - 1]).join(' › '),
      column: c.match?.column ?? null,
      ...(c.match && 'flagValue' in c.match ? { flagValue: c.match.flagValue } : {}),
      ...(legacy.has(c.index) ? { legacy: legacy.get(c.index) } : {}),
    }));
    sheet.unmapped = sheet.columns.filter((c) => !c.column).map((c) => c.header);
    for (const c of sheet.columns) if (c.column) this.byColumn.set(c.column, [...(this.byColumn.get(c.column) ?? []), c]);
    this.keyCols = keyColumnsOf(this.dataset).flatMap((k) => this.byColumn.get(k) ?? []);
  }

  /** Stages the rows now in `raw` (rows above the table's data are ignored). Batches come in row order. */
  async stage(): Promise<void> {
    const { db, width, located } = this;
    if (this.batch === 0) await db.run('CREATE OR REPLACE TEMP TABLE furniture (_row INTEGER, _kind VARCHAR, _heading VARCHAR)');
    const body = `(SELECT * FROM raw WHERE _row > ${located.dataStart})`;
    const keyHeaders = this.keyCols.map((c) => c.header.split(' › ').pop() ?? '');
    const classify = classifyRowsSql(body, width, this.keyCols.map((c) => c.index), keyHeaders, this.firstSig);
    await db.run(`INSERT INTO furniture SELECT _row, _kind, _heading FROM (${classify}) WHERE _kind <> 'data'`);
    if (this.firstSig === null) {
      // The signature block starts at its first line: every row below it, blanks apart, belongs to it.
      [{ first: this.firstSig }] = await db.all<{ first: number | null }>(`SELECT min(_row) AS first FROM furniture WHERE _kind = 'signature'`);
      if (this.firstSig !== null) {
        await db.run(`UPDATE furniture SET _kind = 'signature' WHERE _row > ${this.firstSig} AND _kind NOT IN ('blank', 'signature');
          INSERT INTO furniture SELECT r._row, 'signature', NULL FROM ${body} r ANTI JOIN furniture f ON f._row = r._row WHERE r._row > ${this.firstSig}`);
      }
    }
    const [seen] = await db.all<{ n: number; last: number | null; furniture: number; sections: number }>(`
      SELECT (SELECT count(*)::INTEGER FROM ${body}) AS n, (SELECT max(_row) FROM ${body}) AS last,
        count(*)::INTEGER AS furniture, count(*) FILTER (WHERE _kind = 'section')::INTEGER AS sections FROM furniture`);
    this.bodyRows += seen.n;
    this.lastRow = Math.max(this.lastRow, seen.last ?? 0);
    this.furnitureRows = seen.furniture;
    this.sections = seen.sections > 0;

    // Each data row under the latest section heading above it ("I. Huyện Bình Sơn"), if there is one.
    const from = [
      `${body} r`,
      this.furnitureRows ? 'ANTI JOIN furniture f ON f._row = r._row' : '',
      this.sections ? `ASOF LEFT JOIN (SELECT _row AS s_row, _heading AS _section FROM furniture WHERE _kind = 'section') s ON r._row >= s.s_row` : '',
    ].filter(Boolean).join('\n  ');
    const context = [this.sheetName ?? '', ...located.titleLines].filter(Boolean).join(' | ');
    // Every staged column is text (typing happens at build), so all staged files share one schema.
    const { parquetFor } = this.opts;
    const names = stagedColumnNames(this.dataset).filter((name) => !(parquetFor && name === '_file'));
    const select = names.map((name) =>
      `(${this.projection(name, context, this.sections ? 's._section' : 'NULL')})::${name === '_row' ? 'INTEGER' : 'VARCHAR'} AS ${ident(name)}`);
    const sql = `SELECT ${select.join(',\n  ')} FROM ${from}${this.sections ? ' ORDER BY r._row' : ''}`;
    if (parquetFor) {
      const part = `${String(this.part).padStart(4, '0')}-${String(this.batch).padStart(4, '0')}`;
      await db.run(`COPY (${sql}) TO ${lit(parquetFor(this.dataset, part))} (FORMAT parquet)`);
    } else {
      const target = `staged_${this.dataset}`;
      await db.run((await hasStaged(db, this.dataset)) ? `INSERT INTO ${target} ${sql}` : `CREATE TEMP TABLE ${target} AS ${sql}`);
    }
    this.batch++;
  }

  /** Accounts for every row of the sheet in the report (call after the last batch). */
  async finish(): Promise<void> {
    const { sheet, located } = this;
    if (this.batch > 0) {
      const counts = await this.db.all<{ k: string; n: number }>(`SELECT _kind AS k, count(*)::INTEGER AS n FROM furniture GROUP BY 1`);
      for (const { k, n } of counts) sheet.skipped[k as SkippedKind] += n;
      await this.db.run('DROP TABLE furniture');
    }
    sheet.dataRows = this.bodyRows - this.furnitureRows;
    sheet.skipped.header += located.headerRows.last - located.headerRows.first + 1;
    sheet.skipped.title += located.headerRows.first;
    if (located.numberRow !== null) sheet.skipped.column_numbers += 1;
    sheet.sourceRows = Math.max(sheet.sourceRows, this.lastRow, located.dataStart);
  }

  private projection(name: string, context: string, section: string): string {
    const { byColumn } = this;
    const cell = (c: StagedColumn) => `nullif(trim(r.c${c.index}), '')`;
    const first = (column: string) => {
      const cols = (byColumn.get(column) ?? []).filter((c) => !c.flagValue);
      return cols.length ? `coalesce(${cols.map(cell).join(', ')})` : 'NULL';
    };
    switch (name) {
      case '_file': return lit(this.label);
      case '_sheet': return lit(this.sheetName);
      case '_row': return 'r._row';
      case '_section': return section;
      case '_context': return lit(context || null);
      case 'petitioner_key':
        return byColumn.has('petitioner_name') || byColumn.has('petitioner_id')
          ? hmacSql(this.opts.secret, petitionerMessageSql(first('petitioner_name'), first('petitioner_id')))
          : 'NULL';
    }
    const flags = (byColumn.get(name) ?? []).filter((c) => c.flagValue);
    if (flags.length) {
      // One-hot columns ("x" under Khiếu nại / Tố cáo / KNPA) become the codes marked, '|'-joined, so
      // a row with two marks fails validation instead of silently taking one.
      const marked = `nullif(concat_ws('|', ${flags.map((c) => `CASE WHEN ${cell(c)} IS NOT NULL AND lower(trim(r.c${c.index})) NOT IN ('0', 'không', 'khong', 'k') THEN ${lit(c.flagValue)} END`).join(', ')}), '')`;
      const plain = first(name);
      return plain === 'NULL' ? marked : `coalesce(${plain}, ${marked})`;
    }
    return first(name);
  }
}

function keyColumnsOf(dataset: DatasetName): string[] {
  return dataset === 'petitions' ? ['petition_id'] : ['unit'];
}

