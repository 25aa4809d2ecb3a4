// Analysts' SQL runs on its own read-only connection with file and network access switched off
// and the configuration locked, so no query can read a file, write one, or turn the switches back on.
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync } from 'node:fs';

export class QueryError extends Error {}

export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
}

export const SANDBOX_CONFIG = {
  access_mode: 'READ_ONLY',
  enable_external_access: 'false',
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
  lock_configuration: 'true',
} as const;

/** Explains DuckDB's refusal in words an analyst reads, Vietnamese first. */
export function explainQueryError(message: string): string {
  const first = message.split('\n')[0];
  if (/file system operations are disabled|Cannot access (file|directory)/i.test(message)) {
    return `Truy vấn không được đọc, ghi tệp hay truy cập mạng — chỉ được đọc các bảng trong cơ sở dữ liệu. / Queries may not read or write files or reach the network — only the database's tables. (${first})`;
  }
  if (/configuration has been locked/i.test(message)) {
    return `Không được thay đổi cấu hình (SET, PRAGMA) trong truy vấn phân tích. / Settings cannot be changed from an analyst's query. (${first})`;
  }
  if (/read-only mode/i.test(message)) {
    return `Cơ sở dữ liệu chỉ cho phép đọc: không được tạo, sửa hay xóa dữ liệu. / The database is read-only: no CREATE, INSERT, UPDATE or DELETE. (${first})`;
  }
  if (/LOAD|extension/i.test(first)) {
    return `Không được nạp tiện ích mở rộng (extension) trong truy vấn phân tích. / Extensions cannot be loaded from an analyst's query. (${first})`;
  }
  return `Lỗi truy vấn / Query error: ${first}`;
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

export async function runSandboxedQuery(dbPath: string, sql: string): Promise<QueryResult> {
  if (!existsSync(dbPath)) {
    throw new QueryError(`Chưa có cơ sở dữ liệu ${dbPath} — hãy chạy "danvan build" trước. / Database ${dbPath} not found — run "danvan build" first.`);
  }
  const instance = await DuckDBInstance.create(dbPath, { ...SANDBOX_CONFIG });
  const conn = await instance.connect();
  try {
    // LOAD of an extension already on disk is not a file read DuckDB blocks; refuse it here.
    if (/^\s*(LOAD|INSTALL|ATTACH|DETACH|COPY|EXPORT|IMPORT|SET|RESET|PRAGMA|CALL)\b/i.test(stripComments(sql))) {
      throw new QueryError(explainQueryError(refusedStatement(sql)));
    }
    const reader = await conn.runAndReadAll(sql);
    const types = reader.columnTypes().map(String);
    const columns = reader.columnNames().map((name, i) => ({ name, type: types[i] }));
    const rows = reader.getRowObjectsJson().map((r) => {
      const out: Record<string, unknown> = {};
      for (const c of columns) {
        const v = (r as Record<string, unknown>)[c.name];
        out[c.name] = v !== null && NUMERIC.test(c.type) && typeof v === 'string' ? Number(v) : v;
      }
      return out;
    });
    return { columns, rows };
  } catch (e) {
    if (e instanceof QueryError) throw e;
    throw new QueryError(explainQueryError((e as Error).message));
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
}

function refusedStatement(sql: string): string {
  const word = stripComments(sql).trim().split(/\s+/)[0].toUpperCase();
  if (word === 'SET' || word === 'RESET' || word === 'PRAGMA' || word === 'CALL') return 'the configuration has been locked';
  if (word === 'LOAD' || word === 'INSTALL') return `${word} extension refused`;
  return 'file system operations are disabled';
}
