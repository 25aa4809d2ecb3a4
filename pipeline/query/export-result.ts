// An analyst's query written to a file — CSV, XLSX or Parquet — through the sandbox, chunk by
// chunk, so an export of a million rows streams to disk instead of sitting in memory. The file
// is written to `path` only once complete (a temporary name first), so a failed export leaves
// nothing half-written behind.
import { DuckDBInstance, JsonDuckDBValueConverter, type DuckDBConnection, type DuckDBDataChunk } from '@duckdb/node-api';
import { createWriteStream, mkdirSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportFormat } from '../../dashboard/api-contract.ts';
import { cellKindOf, plainValue, type CellKind } from '../publish/cell-values.ts';
import { csvLine, UTF8_BOM } from '../publish/write-csv.ts';
import { openXlsx, type XlsxWriter } from '../publish/write-xlsx.ts';
import { runOnSandbox, type RunSummary, type SandboxLimits } from './sandbox.ts';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  parquet: 'application/vnd.apache.parquet',
};

/** Rows of one chunk as plain values, `take` rows at most. */
function plainRows(chunk: DuckDBDataChunk, kinds: readonly CellKind[], take: number): (string | number | boolean | null)[][] {
  const rows = chunk.convertRows(JsonDuckDBValueConverter);
  const out: (string | number | boolean | null)[][] = [];
  for (let r = 0; r < take; r++) out.push(rows[r].map((v, c) => plainValue(kinds[c], v)));
  return out;
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Parquet keeps DuckDB's own types, so the chunks go unchanged into a private in-memory DuckDB
 * (our code only: no analyst SQL ever runs there) and DuckDB writes the file.
 */
async function parquetSink() {
  const spill = join(tmpdir(), 'danvan-sandbox-spill');
  mkdirSync(spill, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: '1GB', threads: '1', temp_directory: spill });
  const conn = await instance.connect();
  let appender: Awaited<ReturnType<DuckDBConnection['createAppender']>> | null = null;
  return {
    async begin(summary: Pick<RunSummary, 'names' | 'types'>) {
      const cols = summary.names.map((n, i) => `${quoteIdent(n)} ${summary.types[i].toString()}`);
      await conn.run(`CREATE TABLE result (${cols.join(', ')})`);
      appender = await conn.createAppender('result');
    },
    append(chunk: DuckDBDataChunk, take: number) {
      if (take < chunk.rowCount) chunk.rowCount = take;
      appender!.appendDataChunk(chunk);
    },
    async finish(path: string) {
      appender?.flushSync();
      appender?.closeSync();
      await conn.run(`COPY result TO '${path.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION zstd)`);
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** Runs `sql` on a sandbox connection and writes the result to `path` as `format`. */
export async function exportQuery(conn: DuckDBConnection, sql: string, format: ExportFormat, path: string,
  opts: { limits?: Partial<SandboxLimits>; signal?: AbortSignal; sheetName?: string } = {}): Promise<RunSummary> {
  const partial = `${path}.partial`;
  let kinds: CellKind[] = [];
  let csv: WriteStream | null = null;
  let xlsx: XlsxWriter | null = null;
  const parquet = format === 'parquet' ? await parquetSink() : null;
  try {
    const summary = await runOnSandbox(conn, sql, {
      limits: opts.limits,
      signal: opts.signal,
      async onColumns(names, types) {
        kinds = types.map(cellKindOf);
        if (format === 'csv') {
          csv = createWriteStream(partial);
          csv.write(UTF8_BOM + csvLine(names));
        } else if (format === 'xlsx') {
          xlsx = openXlsx(partial, opts.sheetName ?? 'danvan', names, kinds);
        } else {
          await parquet!.begin({ names, types });
        }
      },
      async onChunk(chunk, take) {
        if (parquet) return parquet.append(chunk, take);
        const rows = plainRows(chunk, kinds, take);
        if (xlsx) {
          for (const row of rows) xlsx.row(row);
          return;
        }
        const out = csv!;
        let text = '';
        for (const row of rows) text += csvLine(row);
        if (!out.write(text)) await once(out, 'drain');
      },
    });
    if (csv) await new Promise<void>((res, rej) => csv!.end((e?: Error | null) => (e ? rej(e) : res())));
    if (xlsx) await (xlsx as XlsxWriter).close();
    if (parquet) await parquet.finish(partial);
    renameSync(partial, path);
    return summary;
  } catch (e) {
    (csv as WriteStream | null)?.destroy();
    rmSync(partial, { force: true });
    throw e;
  } finally {
    parquet?.close();
  }
}
