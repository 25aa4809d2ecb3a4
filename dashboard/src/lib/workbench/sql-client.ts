// The workbench's requests (contract: WORKBENCH in api-contract.ts): run a query (Arrow IPC back,
// with row count, truncation and elapsed time in headers), cancel it, export the whole result as
// a file, read the schema. Errors carry the server's message in both languages and its code
// (refused, timeout, cancelled, …).
import type { Table } from 'apache-arrow';
import type { ApiError, ExportFormat, SchemaResponse, SqlErrorCode } from '../../../api-contract.ts';
import { fallbackFilename, filenameFromDisposition } from './download-name.ts';

// Paths written out: reading them from WORKBENCH would ship zod to the browser.
export const SQL_PATHS = { query: '/api/sql', cancel: '/api/sql/cancel', export: '/api/sql/export', schema: '/api/schema' } as const;

export class SqlRequestError extends Error {
  readonly status: number;
  readonly code: SqlErrorCode | null;
  readonly message_vi: string;
  readonly message_en: string;

  constructor(status: number, code: SqlErrorCode | null, message_vi: string, message_en: string) {
    super(`${message_vi} / ${message_en}`);
    this.name = 'SqlRequestError';
    this.status = status;
    this.code = code;
    this.message_vi = message_vi;
    this.message_en = message_en;
  }

  text(lang: 'vi' | 'en'): string {
    return lang === 'vi' ? this.message_vi : this.message_en;
  }
}

export interface QueryResult {
  table: Table;
  /** Rows received (the grid's rows). */
  rows: number;
  /** The result had more rows than were sent. */
  truncated: boolean;
  /** Time the server took, else the time the request took (ms). */
  elapsedMs: number;
}

export interface Options {
  signal?: AbortSignal;
  /** Origin to prefix the paths with ('' in the browser). */
  base?: string;
}

/** A fresh id for a query, so it can be cancelled (the contract's [A-Za-z0-9_-]{1,64}). */
export function newQueryId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `q${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function isApiError(v: unknown): v is ApiError {
  const e = (v as ApiError | null)?.error;
  return typeof e === 'object' && e !== null && typeof e.message_vi === 'string' && typeof e.message_en === 'string';
}

const NETWORK = ['Không kết nối được máy chủ — kiểm tra máy chủ đang chạy rồi thử lại',
  'Could not reach the server — check that it is running, then try again'] as const;

async function send(path: string, init: RequestInit, opts: Options): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${opts.base ?? ''}${path}`, { ...init, signal: opts.signal });
  } catch (e) {
    if ((e as { name?: string } | null)?.name === 'AbortError') throw e;
    throw new SqlRequestError(0, null, ...NETWORK);
  }
  if (res.ok) return res;
  let body: unknown = null;
  try {
    body = await res.json();
  } catch (e) {
    if ((e as { name?: string } | null)?.name === 'AbortError') throw e;
  }
  if (isApiError(body)) throw new SqlRequestError(res.status, body.error.code ?? null, body.error.message_vi, body.error.message_en);
  throw new SqlRequestError(res.status, null, `Máy chủ trả lỗi ${res.status} — thử lại sau`, `The server answered with error ${res.status} — try again later`);
}

const json = (body: unknown): RequestInit => ({
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
});

/** Reads the result headers; missing or odd values fall back to what the table and clock say. */
export function readResultHeaders(headers: Pick<Headers, 'get'>, tableRows: number, clockMs: number): Omit<QueryResult, 'table'> {
  const rowsHeader = Number(headers.get('X-Danvan-Rows'));
  const elapsedHeader = Number(headers.get('X-Danvan-Elapsed-Ms'));
  return {
    rows: headers.get('X-Danvan-Rows') !== null && Number.isFinite(rowsHeader) && rowsHeader >= 0 ? rowsHeader : tableRows,
    truncated: headers.get('X-Danvan-Truncated') === '1',
    elapsedMs: headers.get('X-Danvan-Elapsed-Ms') !== null && Number.isFinite(elapsedHeader) && elapsedHeader >= 0 ? elapsedHeader : clockMs,
  };
}

/** Runs a query; the result as an Arrow table. */
export async function runQuery(sql: string, queryId: string, opts: Options = {}): Promise<QueryResult> {
  const started = performance.now();
  const res = await send(SQL_PATHS.query, json({ sql, query_id: queryId }), opts);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const { tableFromIPC } = await import('apache-arrow');
  const table = tableFromIPC(bytes);
  return { table, ...readResultHeaders(res.headers, table.numRows, Math.round(performance.now() - started)) };
}

/** Asks the server to interrupt a query; true when it was still running. Never throws. */
export async function cancelQuery(queryId: string, opts: Options = {}): Promise<boolean> {
  try {
    const res = await send(SQL_PATHS.cancel, { ...json({ query_id: queryId }), keepalive: true }, { base: opts.base });
    const body = (await res.json()) as { cancelled?: unknown };
    return body.cancelled === true;
  } catch {
    return false;
  }
}

/** The whole result as a file, with the name the server gives it. */
export async function exportQuery(sql: string, format: ExportFormat, opts: Options & { queryId?: string } = {}): Promise<{ blob: Blob; filename: string }> {
  const body: Record<string, string> = { sql, format };
  if (opts.queryId) body.query_id = opts.queryId;
  const res = await send(SQL_PATHS.export, json(body), opts);
  const blob = await res.blob();
  return { blob, filename: filenameFromDisposition(res.headers.get('Content-Disposition'), fallbackFilename(format)) };
}

export async function fetchSchema(opts: Options = {}): Promise<SchemaResponse> {
  const res = await send(SQL_PATHS.schema, { method: 'GET' }, opts);
  return (await res.json()) as SchemaResponse;
}
