// Many rows into a DuckDB temp table through a CSV file that DuckDB reads in one go. For a
// million-row sheet this is several times faster than the appender (one native call per cell) and
// makes little garbage: no row arrays; rows are gathered as text and encoded into a byte buffer.
// Every value is quoted, so spaces, delimiters, quotes, line breaks and empty texts come back
// exactly; an unquoted empty field is NULL.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ident, lit, type Db } from './duckdb.ts';

const BUFFER_BYTES = 4 * 1024 * 1024;
/** Rows are gathered into a string of about this many UTF-16 units before they are encoded. */
const ROW_STRING_UNITS = 64 * 1024;
// An Excel cell holds at most 32,767 characters; a row of many full cells must still fit a line.
// DuckDB's read buffer would default to 16 lines of that size; two are enough.
const MAX_LINE_BYTES = 16 * 1024 * 1024;

export class RowSpool {
  private readonly dir = mkdtempSync(join(tmpdir(), 'danvan-rows-'));
  private readonly file = join(this.dir, 'rows.csv');
  private readonly fd = openSync(this.file, 'w');
  private readonly buf = Buffer.allocUnsafe(BUFFER_BYTES);
  private at = 0;
  private line = '';
  private open = true;

  constructor(private readonly columns: { name: string; type: 'VARCHAR' | 'INTEGER' }[]) {}

  /** One row; null or undefined is NULL. The caller may reuse `values` for the next row. */
  row(values: readonly (string | number | null | undefined)[]): void {
    let line = this.line;
    for (let i = 0; i < values.length; i++) {
      if (i) line += ',';
      const value = values[i];
      if (value === null || value === undefined) continue;
      const text = typeof value === 'string' ? value : String(value);
      line += text.includes('"') ? `"${text.replaceAll('"', '""')}"` : `"${text}"`;
    }
    this.line = line + '\n';
    // Rows are encoded a batch at a time: far fewer calls into the encoder than one per cell.
    if (this.line.length >= ROW_STRING_UNITS) this.writeLine();
  }

  /** Writes the spooled rows to temp table `table` (replacing it) and removes the spool file. */
  async load(db: Db, table: string): Promise<void> {
    try {
      this.flush();
      this.close();
      const spec = this.columns.map((c) => `${lit(c.name)}: ${lit(c.type)}`).join(', ');
      await db.run(`CREATE OR REPLACE TEMP TABLE ${ident(table)} AS SELECT * FROM read_csv(${lit(this.file)}, columns = {${spec}},
        header = false, delim = ',', quote = '"', escape = '"', new_line = '\\n', auto_detect = false, strict_mode = true,
        allow_quoted_nulls = false, max_line_size = ${MAX_LINE_BYTES}, buffer_size = ${2 * MAX_LINE_BYTES})`);
    } finally {
      this.discard();
    }
  }

  /** Removes the spool file without loading it (after a failure). */
  discard(): void {
    this.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private writeLine(): void {
    const { line } = this;
    this.line = '';
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.at + line.length * 3 > this.buf.length) {
      this.flush();
      if (line.length * 3 > this.buf.length) {
        writeSync(this.fd, line);
        return;
      }
    }
    this.at += this.buf.write(line, this.at);
  }

  private flush(): void {
    if (this.line) this.writeLine();
    if (this.at) writeSync(this.fd, this.buf, 0, this.at);
    this.at = 0;
  }

  private close(): void {
    if (this.open) closeSync(this.fd);
    this.open = false;
  }
}
