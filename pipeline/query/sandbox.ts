// Analysts' SQL — from `danvan query` and from the dashboard's workbench — runs here.
//
// The database is opened read-only with file and network access switched off and the configuration
// locked, so no query can read a file, write one, or turn the switches back on. On top of what DuckDB
// refuses by itself, only a single SELECT (or EXPLAIN) is accepted: the statement is parsed and
// prepared first and its type checked, so LOAD, SET, ATTACH, CALL, CHECKPOINT… never run. A query
// runs with a time limit (the connection is interrupted, so DuckDB stops working rather than
// finishing for nobody), a memory limit on its own DuckDB instance and one thread, and its result is
// read chunk by chunk and cut off at a row cap and a byte cap, so `SELECT * FROM range(1e10)` costs
// what the cap allows and no more.
import {
  DuckDBInstance, JsonDuckDBValueConverter, StatementType, type DuckDBConnection, type DuckDBDataChunk, type DuckDBType,
} from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import type { SqlErrorCode } from '../../dashboard/api-contract.ts';

export class QueryError extends Error {
  constructor(message: string, readonly code: SqlErrorCode = 'invalid') {
    super(message);
  }
  /** The Vietnamese half of the message (before " / "). */
  get vi(): string { return this.message.split(' / ')[0]; }
  /** The English half (after the first " / "), or the whole message. */
  get en(): string {
    const i = this.message.indexOf(' / ');
    return i < 0 ? this.message : this.message.slice(i + 3);
  }
}

export const SANDBOX_CONFIG = {
  access_mode: 'READ_ONLY',
  enable_external_access: 'false',
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
  lock_configuration: 'true',
} as const;

export interface SandboxLimits {
  /** Wall-clock limit of one query, from start to last row read. */
  timeoutMs: number;
  /** Rows returned at most; a longer result is cut off and marked truncated. */
  maxRows: number;
  /** Bytes of result held in memory at most (text counted by length). */
  maxBytes: number;
  /** DuckDB's memory_limit for the sandbox instance. */
  memoryLimit: string;
  /** DuckDB threads for the sandbox instance: one leaves the other cores to the dashboard. */
  threads: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  timeoutMs: Number(process.env.DANVAN_SQL_TIMEOUT_MS ?? 30_000),
  maxRows: 100_000,
  maxBytes: 256 * 1024 * 1024,
  memoryLimit: process.env.DANVAN_SQL_MEMORY ?? '1GB',
  threads: 1,
};

/** DuckDB configuration of a sandbox instance; what a query spills to disk is capped too. */
export function sandboxInstanceConfig(limits: Pick<SandboxLimits, 'memoryLimit' | 'threads'>): Record<string, string> {
  return { ...SANDBOX_CONFIG, memory_limit: limits.memoryLimit, threads: String(limits.threads), max_temp_directory_size: '2GB' };
}

const bilingual = (vi: string, en: string) => `${vi} / ${en}`;

/** Explains DuckDB's refusal in words an analyst reads, Vietnamese first, with a code. */
export function explainQueryError(message: string): QueryError {
  const first = message.split('\n')[0];
  if (/file system operations are disabled|Cannot access (file|directory)|external access/i.test(message)) {
    return new QueryError(bilingual('Truy vấn không được đọc, ghi tệp hay truy cập mạng — chỉ được đọc các bảng trong cơ sở dữ liệu.',
      `Queries may not read or write files or reach the network — only the database's tables. (${first})`), 'refused');
  }
  if (/configuration has been locked/i.test(message)) {
    return new QueryError(bilingual('Không được thay đổi cấu hình (SET, PRAGMA) trong truy vấn phân tích.',
      `Settings cannot be changed from an analyst's query. (${first})`), 'refused');
  }
  if (/read-only mode/i.test(message)) {
    return new QueryError(bilingual('Cơ sở dữ liệu chỉ cho phép đọc: không được tạo, sửa hay xóa dữ liệu.',
      `The database is read-only: no CREATE, INSERT, UPDATE or DELETE. (${first})`), 'refused');
  }
  if (/Out of Memory/i.test(message)) {
    return new QueryError(bilingual('Truy vấn cần quá nhiều bộ nhớ nên đã bị dừng — hãy lọc bớt dữ liệu hoặc gộp nhóm trước.',
      `The query needed too much memory and was stopped — filter or aggregate first. (${first})`), 'memory');
  }
  if (/^LOAD|^INSTALL|extension/i.test(first)) {
    return new QueryError(bilingual('Không được nạp tiện ích mở rộng (extension) trong truy vấn phân tích.',
      `Extensions cannot be loaded from an analyst's query. (${first})`), 'refused');
  }
  return new QueryError(bilingual(`Lỗi truy vấn: ${first}`, `Query error: ${first}`), 'invalid');
}

/** Statement kinds an analyst may run: reading only. DESCRIBE, SHOW, SUMMARIZE parse as SELECT. */
const ALLOWED = new Set<StatementType>([StatementType.SELECT, StatementType.EXPLAIN]);

function refusal(type: StatementType): QueryError {
  switch (type) {
    case StatementType.SET: case StatementType.VARIABLE_SET: case StatementType.PRAGMA:
      return explainQueryError('the configuration has been locked');
    case StatementType.LOAD: return explainQueryError('LOAD extension refused');
    case StatementType.ATTACH: case StatementType.DETACH: case StatementType.COPY: case StatementType.EXPORT:
      return explainQueryError('file system operations are disabled');
    case StatementType.INSERT: case StatementType.UPDATE: case StatementType.DELETE: case StatementType.CREATE:
    case StatementType.DROP: case StatementType.ALTER: case StatementType.TRANSACTION: case StatementType.MERGE_INTO:
      return explainQueryError('read-only mode');
    default:
      return new QueryError(bilingual(`Chỉ được chạy câu lệnh SELECT (câu lệnh loại ${StatementType[type]} bị từ chối).`,
        `Only SELECT statements may run (a ${StatementType[type]} statement was refused).`), 'refused');
  }
}

export interface RunOptions {
  limits?: Partial<SandboxLimits>;
  /** Aborting interrupts the query; it then fails with code "cancelled". */
  signal?: AbortSignal;
  /**
   * Called for every chunk kept, with the number of its rows to keep (the last chunk before the
   * row cap is taken in part).
   */
  onChunk(chunk: DuckDBDataChunk, rows: number): void | Promise<void>;
  /** Called once the statement runs and its columns are known, before the first chunk. */
  onColumns?(names: string[], types: DuckDBType[]): void | Promise<void>;
}

export interface RunSummary {
  names: string[];
  types: DuckDBType[];
  rows: number;
  /** True when the result had more rows than the cap (or more bytes) and was cut off. */
  truncated: boolean;
  elapsedMs: number;
}

/** Rough bytes a chunk holds once converted to JS: text by length, everything else 8 per value. */
function chunkBytes(chunk: DuckDBDataChunk, rows: number): number {
  let bytes = 0;
  for (let c = 0; c < chunk.columnCount; c++) {
    const values = chunk.getColumnValues(c);
    for (let r = 0; r < rows; r++) {
      const v = values[r];
      bytes += typeof v === 'string' ? v.length * 2 + 16 : 8;
    }
  }
  return bytes;
}

/**
 * Runs one analyst statement on `conn` (a connection of a sandbox instance) within the limits,
 * handing the result over chunk by chunk. Throws QueryError with a code for every failure.
 */
export async function runOnSandbox(conn: DuckDBConnection, sql: string, opts: RunOptions): Promise<RunSummary> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const started = performance.now();
  let stopReason: 'timeout' | 'cancelled' | null = null;
  const interrupt = (why: 'timeout' | 'cancelled') => {
    stopReason ??= why;
    conn.interrupt();
  };
  const timer = setTimeout(() => interrupt('timeout'), limits.timeoutMs);
  const onAbort = () => interrupt('cancelled');
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort);
  try {
    if (stopReason) throw new Error('INTERRUPT');
    const extracted = await conn.extractStatements(sql);
    if (extracted.count === 0) throw new QueryError(bilingual('Câu truy vấn trống.', 'The query is empty.'), 'invalid');
    if (extracted.count > 1) {
      throw new QueryError(bilingual(`Mỗi lần chỉ chạy một câu lệnh (có ${extracted.count} câu, cách nhau bằng dấu chấm phẩy).`,
        `Run one statement at a time (found ${extracted.count}, separated by semicolons).`), 'refused');
    }
    const prepared = await extracted.prepare(0);
    if (!ALLOWED.has(prepared.statementType)) throw refusal(prepared.statementType);
    const result = await prepared.stream();
    const names = result.columnNames();
    const types = result.columnTypes();
    await opts.onColumns?.(names, types);
    let rows = 0;
    let bytes = 0;
    let truncated = false;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const take = Math.min(chunk.rowCount, limits.maxRows - rows);
      if (take <= 0) {
        truncated = true;
        break;
      }
      bytes += chunkBytes(chunk, take);
      if (bytes > limits.maxBytes) {
        throw new QueryError(bilingual(`Kết quả quá lớn (hơn ${Math.round(limits.maxBytes / 1048576)} MB) — hãy chọn ít cột hơn hoặc thêm LIMIT.`,
          `The result is too large (over ${Math.round(limits.maxBytes / 1048576)} MB) — select fewer columns or add a LIMIT.`), 'too_large');
      }
      await opts.onChunk(chunk, take);
      rows += take;
      if (take < chunk.rowCount) {
        truncated = true;
        break;
      }
    }
    if (stopReason) throw new Error('INTERRUPT');
    return { names, types, rows, truncated, elapsedMs: Math.round(performance.now() - started) };
  } catch (e) {
    if (stopReason === 'timeout') {
      const s = Math.round(limits.timeoutMs / 100) / 10;
      throw new QueryError(bilingual(`Truy vấn chạy quá ${String(s).replace('.', ',')} giây nên đã bị dừng — hãy lọc bớt dữ liệu hoặc gộp nhóm trước.`,
        `The query ran longer than ${s} s and was stopped — filter or aggregate first.`), 'timeout');
    }
    if (stopReason === 'cancelled') throw new QueryError(bilingual('Đã hủy truy vấn.', 'The query was cancelled.'), 'cancelled');
    if (e instanceof QueryError) throw e;
    throw explainQueryError((e as Error).message);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/** A sandbox instance of its own for one-off use (the CLI); closed when `fn` settles. */
export async function withSandbox<T>(dbPath: string, limits: Partial<SandboxLimits>, fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  if (!existsSync(dbPath)) {
    throw new QueryError(bilingual(`Chưa có cơ sở dữ liệu ${dbPath} — hãy chạy "danvan build" trước.`, `Database ${dbPath} not found — run "danvan build" first.`), 'no_database');
  }
  const all = { ...DEFAULT_LIMITS, ...limits };
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(dbPath, sandboxInstanceConfig(all));
  } catch (e) {
    throw new QueryError(bilingual(`Không mở được cơ sở dữ liệu ${dbPath} — hãy chạy lại "danvan build".`,
      `Cannot open the database (${(e as Error).message.split('\n')[0]}); run "danvan build" again.`), 'no_database');
  }
  const conn = await instance.connect();
  try {
    return await fn(conn);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  truncated: boolean;
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

/** One query, rows as JSON-ready objects (numbers as numbers, dates as ISO text): `danvan query`. */
export async function runSandboxedQuery(dbPath: string, sql: string, limits: Partial<SandboxLimits> = {}): Promise<QueryResult> {
  return withSandbox(dbPath, limits, async (conn) => {
    const values: unknown[][] = [];
    const summary = await runOnSandbox(conn, sql, {
      limits,
      onChunk(chunk, take) {
        const converted = chunk.convertRows(JsonDuckDBValueConverter);
        for (let i = 0; i < take; i++) values.push(converted[i]);
      },
    });
    const columns = summary.names.map((name, i) => ({ name, type: String(summary.types[i]) }));
    const rows = values.map((v) => Object.fromEntries(columns.map((c, i) => {
      const x = v[i];
      return [c.name, x !== null && NUMERIC.test(c.type) && typeof x === 'string' ? Number(x) : x];
    })));
    return { columns, rows, truncated: summary.truncated };
  });
}
