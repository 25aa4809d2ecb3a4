// The analysts' workbench API (WORKBENCH in api-contract.ts): run, cancel and export ad-hoc SQL,
// and describe the schema.
//
// Analyst queries never touch the dashboard's connections: they run on a second read-only view of
// the same file (its own DuckDB instance, hot-swapped like the first) opened with the sandbox
// configuration — one thread, its own memory limit — so a runaway query costs the dashboard at
// most one core. At most `concurrent` queries run at once and a few more may wait; beyond that the
// client is told the server is busy. A query stops at its time limit, when its client goes away,
// or when the client asks to cancel it.
import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableToIPC } from 'apache-arrow';
import type { z } from 'zod';
import { EXPORT_MAX_ROWS, WORKBENCH, type SchemaResponse, type SqlErrorCode } from '../api-contract.ts';
import { EXPORT_CONTENT_TYPES, exportQuery } from '../../pipeline/query/export-result.ts';
import { DEFAULT_LIMITS, QueryError, runOnSandbox, sandboxInstanceConfig, type SandboxLimits } from '../../pipeline/query/sandbox.ts';
import { ARROW_CONTENT_TYPE, columnsToTable } from './arrow.ts';
import { ServingDb, type Generation } from './db.ts';
import { errorPayload, jsonPayload, Payload, send } from './respond.ts';

const STATUS: Record<SqlErrorCode, number> = {
  refused: 400, invalid: 400, timeout: 408, cancelled: 499, memory: 413, too_large: 413, busy: 429, no_database: 503,
};

const MAX_BODY = 256 * 1024;

export interface WorkbenchOptions {
  limits?: Partial<SandboxLimits>;
  /** Queries running at once (default 2). */
  concurrent?: number;
  /** Queries allowed to wait for a free slot (default 8). */
  queue?: number;
  log?: (line: string) => void;
}

function sqlError(e: QueryError): Payload {
  const p = errorPayload(STATUS[e.code], e.vi, e.en);
  const body = JSON.parse(p.body.toString()) as { error: Record<string, unknown> };
  body.error.code = e.code;
  return jsonPayload(p.status, body, { 'Cache-Control': 'no-store' });
}

const busy = () => new QueryError('Máy chủ đang chạy nhiều truy vấn phân tích — hãy thử lại sau ít phút. / The server is running many analyst queries; try again in a minute.', 'busy');

class BodyError extends Error {
  constructor(readonly payload: Payload) { super('bad body'); }
}

async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.output<S>> {
  const type = String(req.headers['content-type'] ?? '');
  // JSON only: a page on another site cannot send it without a CORS preflight we never grant.
  if (!/^application\/json\b/i.test(type)) {
    throw new BodyError(errorPayload(415, 'Yêu cầu phải gửi dạng JSON (Content-Type: application/json).', 'The request body must be JSON (Content-Type: application/json).'));
  }
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > MAX_BODY) throw new BodyError(errorPayload(413, 'Câu truy vấn quá dài.', 'The request is too large.'));
    parts.push(part as Buffer);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch {
    throw new BodyError(errorPayload(400, 'Nội dung yêu cầu không phải JSON hợp lệ.', 'The request body is not valid JSON.'));
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [vi, en] = issue.message.includes(' / ') ? issue.message.split(' / ') : [issue.message, issue.message];
    const param = issue.path.join('.') || undefined;
    throw new BodyError(errorPayload(400, `Tham số ${param ?? ''} không hợp lệ: ${vi}`.replace('  ', ' '), `Invalid parameter ${param ?? ''}: ${en}`.replace('  ', ' '), param));
  }
  return parsed.data;
}

const cancelled = () => new QueryError('Đã hủy truy vấn. / The query was cancelled.', 'cancelled');

/**
 * A counting gate: `run` waits for one of `size` slots, or fails fast when the queue is full; a
 * waiter whose client leaves gives up its place at once.
 */
class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number, private readonly queue: number) {}
  async run<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) {
      if (this.waiting.length >= this.queue) throw busy();
      await new Promise<void>((res, rej) => {
        const wake = () => {
          signal.removeEventListener('abort', leave);
          res();
        };
        const leave = () => {
          const i = this.waiting.indexOf(wake);
          if (i >= 0) this.waiting.splice(i, 1);
          rej(cancelled());
        };
        this.waiting.push(wake);
        signal.addEventListener('abort', leave, { once: true });
      });
    } else {
      this.running++;
    }
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

export interface Workbench {
  /** Handles /api/sql, /api/sql/cancel, /api/sql/export and /api/schema; false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
  close(): Promise<void>;
}

export function createWorkbench(dbPath: string, opts: WorkbenchOptions = {}): Workbench {
  const limits: SandboxLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const concurrent = opts.concurrent ?? 2;
  const gate = new Gate(concurrent, opts.queue ?? 8);
  const running = new Map<string, AbortController>();
  let sandbox: Promise<ServingDb> | null = null;
  let closed = false;

  // Opened on first use: a dashboard that nobody queries never holds a second instance.
  const open = (): Promise<ServingDb> => {
    sandbox ??= ServingDb.open(dbPath, { config: sandboxInstanceConfig(limits), poolSize: concurrent, log: opts.log }).catch((e: unknown) => {
      sandbox = null;
      throw new QueryError(`${(e as Error).message.split(' / ')[0]} / ${(e as Error).message.split(' / ')[1] ?? ''}`, 'no_database');
    });
    return sandbox;
  };

  /** Runs `fn` with a sandbox connection, an abort signal tied to the client and the query id. */
  async function withQuery<T>(req: IncomingMessage, res: ServerResponse, queryId: string | undefined,
    fn: (g: Generation, signal: AbortSignal) => Promise<T>): Promise<T> {
    const id = queryId ?? randomUUID();
    const controller = new AbortController();
    // A second query under the same id replaces the first in the cancel table only.
    running.set(id, controller);
    const onGone = () => {
      if (!res.writableFinished) controller.abort();
    };
    res.on('close', onGone);
    req.on('aborted', onGone);
    try {
      const db = await open();
      if (controller.signal.aborted) throw cancelled();
      return await gate.run(controller.signal, () => db.use((g) => fn(g, controller.signal)));
    } finally {
      if (running.get(id) === controller) running.delete(id);
      res.off('close', onGone);
    }
  }

  async function query(req: IncomingMessage, res: ServerResponse): Promise<Payload> {
    const body = await readJson(req, WORKBENCH.query.body);
    return withQuery(req, res, body.query_id, (g, signal) => g.withConnection(async (conn) => {
      const columns: DuckDBValue[][] = [];
      let types: DuckDBType[] = [];
      const summary = await runOnSandbox(conn, body.sql, {
        limits: { ...limits, maxRows: body.max_rows },
        signal,
        onColumns(names, t) {
          types = t;
          for (let i = 0; i < names.length; i++) columns.push([]);
        },
        onChunk(chunk, take) {
          for (let c = 0; c < columns.length; c++) {
            const values = chunk.getColumnValues(c);
            const column = columns[c];
            for (let r = 0; r < take; r++) column.push(values[r]);
          }
        },
      });
      const ipc = tableToIPC(columnsToTable(summary.names, types, columns), 'stream');
      return new Payload(200, ARROW_CONTENT_TYPE, Buffer.from(ipc), {
        'Cache-Control': 'no-store',
        'X-Danvan-Rows': String(summary.rows),
        'X-Danvan-Truncated': summary.truncated ? '1' : '0',
        'X-Danvan-Elapsed-Ms': String(summary.elapsedMs),
      });
    }));
  }

  async function exportFile(req: IncomingMessage, res: ServerResponse): Promise<true> {
    const body = await readJson(req, WORKBENCH.export.body);
    const dir = mkdtempSync(join(tmpdir(), 'danvan-export-'));
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    const name = `danvan-${stamp}.${body.format}`;
    const file = join(dir, name);
    try {
      const summary = await withQuery(req, res, body.query_id, (g, signal) => g.withConnection((conn) => exportQuery(conn, body.sql, body.format, file, {
        // Writing a million rows takes longer than showing a hundred thousand; the byte cap is
        // for results held in memory, and an export streams to disk.
        limits: { ...limits, maxRows: EXPORT_MAX_ROWS, timeoutMs: limits.timeoutMs * 4, maxBytes: Number.MAX_SAFE_INTEGER },
        signal,
        sheetName: 'danvan',
      })));
      res.setHeader('Content-Type', EXPORT_CONTENT_TYPES[body.format]);
      res.setHeader('Content-Length', statSync(file).size);
      res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Danvan-Rows', String(summary.rows));
      res.setHeader('X-Danvan-Truncated', summary.truncated ? '1' : '0');
      res.writeHead(200);
      await new Promise<void>((resolve, reject) => {
        const stream = createReadStream(file);
        stream.on('error', reject);
        res.on('close', resolve);
        stream.pipe(res);
      });
      return true;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  async function schema(): Promise<Payload> {
    const db = await open();
    const rows = await db.use(async (g) => (await g.query(`
      SELECT t.table_name, t.estimated_size AS rows, c.column_name, c.data_type,
        dt.description_vi AS table_vi, dt.description_en AS table_en, dc.description_vi AS col_vi, dc.description_en AS col_en
      FROM duckdb_tables() t JOIN duckdb_columns() c USING (database_name, schema_name, table_name)
      LEFT JOIN data_dictionary dt ON dt.table_name = t.table_name AND dt.column_name IS NULL
      LEFT JOIN data_dictionary dc ON dc.table_name = t.table_name AND dc.column_name = c.column_name
      WHERE t.database_name = current_database() AND NOT t.internal AND t.schema_name = 'main'
      ORDER BY (dt.table_name IS NULL), t.table_name, c.column_index`)).getRowObjectsJson()) as Record<string, string | number | null>[];
    const tables = new Map<string, SchemaResponse['tables'][number]>();
    for (const r of rows) {
      const name = String(r.table_name);
      let t = tables.get(name);
      if (!t) {
        t = { name, description_vi: r.table_vi as string | null, description_en: r.table_en as string | null, rows: r.rows === null ? null : Number(r.rows), columns: [] };
        tables.set(name, t);
      }
      t.columns.push({ name: String(r.column_name), type: String(r.data_type), description_vi: r.col_vi as string | null, description_en: r.col_en as string | null });
    }
    const response: SchemaResponse = { tables: [...tables.values()] };
    return jsonPayload(200, response, { 'Cache-Control': 'no-cache' });
  }

  function cancel(id: string): Payload {
    const c = running.get(id);
    c?.abort();
    return jsonPayload(200, { cancelled: Boolean(c) }, { 'Cache-Control': 'no-store' });
  }

  return {
    async handle(req, res, path) {
      const route = path === WORKBENCH.query.path ? 'query' : path === WORKBENCH.cancel.path ? 'cancel'
        : path === WORKBENCH.export.path ? 'export' : path === WORKBENCH.schema.path ? 'schema' : null;
      if (!route) return false;
      const method = route === 'schema' ? 'GET' : 'POST';
      if (req.method !== method && !(method === 'GET' && req.method === 'HEAD')) {
        await send(req, res, errorPayload(405, `Chỉ hỗ trợ ${method}.`, `Only ${method} is supported.`, undefined, { Allow: method === 'GET' ? 'GET, HEAD' : 'POST' }));
        return true;
      }
      if (closed) {
        await send(req, res, errorPayload(503, 'Máy chủ đang tắt.', 'The server is shutting down.'));
        return true;
      }
      try {
        if (route === 'schema') await send(req, res, await schema());
        else if (route === 'cancel') await send(req, res, cancel((await readJson(req, WORKBENCH.cancel.body)).query_id));
        else if (route === 'query') await send(req, res, await query(req, res));
        else await exportFile(req, res);
      } catch (e) {
        if (res.headersSent || res.destroyed) return true;
        if (e instanceof BodyError) await send(req, res, e.payload);
        else if (e instanceof QueryError) await send(req, res, sqlError(e));
        else throw e;
      }
      return true;
    },
    async close() {
      closed = true;
      for (const c of running.values()) c.abort();
      const db = await sandbox?.catch(() => null);
      await db?.close();
    },
  };
}
