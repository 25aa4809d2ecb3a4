// Thin helpers over @duckdb/node-api so the rest of the pipeline reads as SQL, not driver calls.
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export type Row = Record<string, unknown>;

/** DANVAN_PROFILE=1 prints every statement slower than 50 ms, to find where a build spends its time. */
const PROFILE = Boolean(process.env.DANVAN_PROFILE);
function profile(sql: string, started: number): void {
  const ms = performance.now() - started;
  if (ms > 50) process.stderr.write(`[${(ms / 1000).toFixed(2)} s] ${sql.replace(/\s+/g, ' ').slice(0, Number(process.env.DANVAN_PROFILE_CHARS ?? 140))}\n`);
}

export interface Db {
  instance: DuckDBInstance;
  conn: DuckDBConnection;
  run(sql: string, params?: unknown[]): Promise<void>;
  all<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): void;
}

export async function openDb(path = ':memory:', options: Record<string, string> = {}): Promise<Db> {
  const instance = await DuckDBInstance.create(path, options);
  const conn = await instance.connect();
  return wrap(instance, conn);
}

function wrap(instance: DuckDBInstance, conn: DuckDBConnection): Db {
  return {
    instance,
    conn,
    async run(sql, params) {
      const t = PROFILE ? performance.now() : 0;
      await conn.run(sql, params as never);
      if (PROFILE) profile(sql, t);
    },
    async all<T>(sql: string, params?: unknown[]) {
      const t = PROFILE ? performance.now() : 0;
      const reader = await conn.runAndReadAll(sql, params as never);
      const rows = reader.getRowObjectsJS() as T[];
      if (PROFILE) profile(sql, t);
      return rows;
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** A SQL string literal. */
export function lit(value: string | null | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  return `'${value.replaceAll("'", "''")}'`;
}

/** A SQL identifier, always quoted: canonical names like `ind:participants` need it. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Rows to a temporary table through the appender; every column VARCHAR unless typed. */
export async function appendRows(
  db: Db,
  table: string,
  columns: { name: string; type: 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN' }[],
  rows: Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>,
): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE ${ident(table)} (${columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`);
  const appender = await db.conn.createAppender(table, 'main', 'temp');
  for await (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      const v = row[i];
      if (v === null || v === undefined) appender.appendNull();
      else if (columns[i].type === 'VARCHAR') appender.appendVarchar(String(v));
      else if (columns[i].type === 'INTEGER') appender.appendInteger(Number(v));
      else if (columns[i].type === 'DOUBLE') appender.appendDouble(Number(v));
      else appender.appendBoolean(Boolean(v));
    }
    appender.endRow();
  }
  appender.closeSync();
}
