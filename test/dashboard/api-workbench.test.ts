// The workbench API on a real demo build and a real server: analyst queries come back as Arrow,
// hostile ones are refused or cut off with a clear message and a code — while the dashboard's own
// requests, made at the same time, still succeed quickly — queries can be cancelled, and exports
// read back as what the query returned, with formula cells neutralised.
import { DuckDBInstance } from '@duckdb/node-api';
import * as XLSX from '@e965/xlsx';
import { tableFromIPC } from 'apache-arrow';
import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, SchemaResponse } from '../../dashboard/api-contract.ts';
import { createServer, type RunningServer } from '../../dashboard/server/server.ts';
import { tempDir, testBuild } from '../helpers.ts';

/** Runs for ever unless stopped: a cross join of two large ranges, summed. */
const FOREVER = 'SELECT sum(a.range * b.range) FROM range(100000000) a, range(100000000) b';

describe('workbench API', () => {
  const { dir, cleanup } = tempDir('danvan-wb-');
  let db: string;
  let server: RunningServer;

  beforeAll(async () => {
    db = (await testBuild(dir, { sources: ['data/demo'] })).db;
    server = await createServer({
      db, port: 0, host: '127.0.0.1', distDir: join(dir, 'no-dist'), log: () => {},
      workbench: { limits: { timeoutMs: 2_000, memoryLimit: '400MB' }, concurrent: 2, queue: 1 },
    });
  });
  afterAll(async () => {
    await server?.close();
    cleanup();
  });

  const post = (path: string, body: unknown, init: RequestInit = {}, base = server.url) => fetch(base + path, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), ...init,
  });
  const sql = (text: string, extra: Record<string, unknown> = {}, init: RequestInit = {}, base = server.url) => post('/api/sql', { sql: text, ...extra }, init, base);
  const errorOf = async (res: Response) => ((await res.json()) as ApiError).error;
  const rowsOf = async (res: Response) => tableFromIPC(new Uint8Array(await res.arrayBuffer())).toArray().map((r) => r.toJSON() as Record<string, unknown>);
  /** A dashboard request timed while something else runs. */
  const dashboardRequest = async (base = server.url) => {
    const started = performance.now();
    const res = await fetch(`${base}/api/resolution?grain=year&from=2024-01-01&to=2024-12-31&kind_group=all`);
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - started };
  };

  it('runs a SELECT and returns Arrow with the row count and elapsed time', async () => {
    const res = await sql(`SELECT u.short_name AS district, count(*)::INTEGER AS n FROM petitions p
      JOIN admin_units u ON u.unit_code = p.district_code GROUP BY ALL ORDER BY n DESC, district`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const rows = await rowsOf(res);
    expect(rows.length).toBeGreaterThan(10);
    expect(Number(res.headers.get('x-danvan-rows'))).toBe(rows.length);
    expect(res.headers.get('x-danvan-truncated')).toBe('0');
    expect(Number(res.headers.get('x-danvan-elapsed-ms'))).toBeGreaterThanOrEqual(0);
    const total = rows.reduce((s, r) => s + Number(r.n), 0);
    const [{ n }] = await rowsOf(await sql('SELECT count(*)::INTEGER AS n FROM petitions WHERE district_code IS NOT NULL'));
    expect(total).toBe(n);
    expect(rows.map((r) => r.district)).toContain('Bình Sơn');
  });

  it.each([
    ["SELECT * FROM read_csv('/etc/passwd')", 'refused', /không được đọc, ghi tệp/],
    ["SELECT * FROM read_text('/etc/hostname')", 'refused', /không được đọc, ghi tệp/],
    ["SELECT * FROM read_parquet('/tmp/*.parquet')", 'refused', /không được đọc, ghi tệp/],
    ["SELECT * FROM glob('/*')", 'refused', /không được đọc, ghi tệp/],
    ["SELECT * FROM 'https://example.com/x.csv'", 'refused', /không được đọc, ghi tệp/],
    ["COPY petitions TO '/tmp/leak.csv'", 'refused', /không được đọc, ghi tệp/],
    ["COPY (SELECT 1) TO '/tmp/leak.parquet' (FORMAT parquet)", 'refused', /không được đọc, ghi tệp/],
    ["EXPORT DATABASE '/tmp/leak'", 'refused', /không được đọc, ghi tệp/],
    ["ATTACH '/tmp/other.duckdb' AS o", 'refused', /không được đọc, ghi tệp/],
    ['DETACH memory', 'refused', /không được đọc, ghi tệp|Chỉ được chạy/],
    ['INSTALL httpfs', 'refused', /tiện ích mở rộng/],
    ['LOAD json', 'refused', /tiện ích mở rộng/],
    ['SET enable_external_access = true', 'refused', /cấu hình/],
    ['RESET memory_limit', 'refused', /cấu hình/],
    ["PRAGMA memory_limit = '64GB'", 'refused', /cấu hình/],
    ['SET threads = 64', 'refused', /cấu hình/],
    ['CHECKPOINT', 'refused', /Chỉ được chạy câu lệnh SELECT/],
    ['DELETE FROM petitions', 'refused', /chỉ cho phép đọc/],
    ['CREATE TABLE x AS SELECT 1', 'refused', /chỉ cho phép đọc/],
    ['SELECT 1; DROP TABLE petitions', 'refused', /một câu lệnh/],
    ['SELEC 1', 'invalid', /Lỗi truy vấn/],
    ['SELECT nope FROM petitions', 'invalid', /Lỗi truy vấn/],
  ])('refuses %s with a clear message (%s)', async (text, code, message) => {
    const res = await sql(text);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    expect(error.message_vi).toMatch(message);
    expect(error.message_en.length).toBeGreaterThan(10);
    expect(JSON.stringify(error)).not.toMatch(/\n\s+at /);
  });

  it('stops a query that runs for ever at the time limit, while the dashboard keeps answering', async () => {
    const started = performance.now();
    const forever = sql(FOREVER);
    await new Promise((r) => setTimeout(r, 200));
    const during = [await dashboardRequest(), await dashboardRequest(), await dashboardRequest()];
    const res = await forever;
    const took = performance.now() - started;
    expect(res.status).toBe(408);
    const error = await errorOf(res);
    expect(error.code).toBe('timeout');
    expect(error.message_vi).toMatch(/quá 2 giây/);
    // Interrupted at the limit, not left to run: well before a forever query could finish.
    expect(took).toBeLessThan(6_000);
    for (const d of during) {
      expect(d.status).toBe(200);
      expect(d.ms).toBeLessThan(1_500);
    }
    // The sandbox still works afterwards.
    expect((await sql('SELECT 1 AS one')).status).toBe(200);
  });

  it('cuts off a result of ten million rows at the row cap and says so', async () => {
    const res = await sql('SELECT range AS i, range * 2 AS j FROM range(10000000)');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-danvan-truncated')).toBe('1');
    expect(res.headers.get('x-danvan-rows')).toBe('100000');
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    expect(table.numRows).toBe(100_000);
    const small = await sql('SELECT range AS i FROM range(10000000)', { max_rows: 10 });
    expect(small.headers.get('x-danvan-rows')).toBe('10');
    expect((await dashboardRequest()).status).toBe(200);
  });

  it('refuses results too large to hold and queries over the memory limit', async () => {
    // Its own server with a roomy time limit: on a busy CI machine these must fail for size, never for time.
    const roomy = await createServer({
      db, port: 0, host: '127.0.0.1', distDir: join(dir, 'no-dist'), log: () => {},
      workbench: { limits: { timeoutMs: 30_000, memoryLimit: '400MB', maxBytes: 16 * 1024 * 1024 }, concurrent: 2, queue: 1 },
    });
    try {
      const ask = (text: string) => sql(text, {}, {}, roomy.url);
      const big = await ask("SELECT repeat('x', 2000) AS s FROM range(100000)");
      expect(big.status).toBe(413);
      expect((await errorOf(big)).code).toBe('too_large');
      const memory = await ask("SELECT list(repeat('danvan', 20000)) FROM range(5000000)");
      expect(memory.status).toBe(413);
      const error = await errorOf(memory);
      expect(error.code).toBe('memory');
      expect(error.message_vi).toMatch(/bộ nhớ/);
      expect((await dashboardRequest(roomy.url)).status).toBe(200);
    } finally {
      await roomy.close();
    }
  });

  it('cancels a running query by its id', async () => {
    const started = performance.now();
    const running = sql(FOREVER, { query_id: 'q-cancel-1' });
    await new Promise((r) => setTimeout(r, 300));
    const cancel = await post('/api/sql/cancel', { query_id: 'q-cancel-1' });
    expect(await cancel.json()).toEqual({ cancelled: true });
    const res = await running;
    expect(res.status).toBe(499);
    expect((await errorOf(res)).code).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(1_800); // before the 2 s time limit
    expect(await (await post('/api/sql/cancel', { query_id: 'q-cancel-1' })).json()).toEqual({ cancelled: false });
  });

  it('stops a query whose client went away, freeing its slot; a full queue is told the server is busy', async () => {
    // Two slots and one waiting place: fill them with forever queries whose clients then leave.
    const controllers = [new AbortController(), new AbortController(), new AbortController()];
    const started = performance.now();
    const calls = controllers.map((c) => sql(FOREVER, {}, { signal: c.signal }).catch(() => null));
    await new Promise((r) => setTimeout(r, 300));
    const busy = await sql('SELECT 1');
    expect(busy.status).toBe(429);
    expect((await errorOf(busy)).code).toBe('busy');
    for (const c of controllers) c.abort();
    await Promise.all(calls);
    // The server hears of the disconnects a moment later; ask until a slot is free.
    let after = await sql('SELECT 42 AS answer');
    while (after.status === 429 && performance.now() - started < 5_000) {
      await new Promise((r) => setTimeout(r, 50));
      after = await sql('SELECT 42 AS answer');
    }
    expect(after.status).toBe(200);
    expect((await rowsOf(after))[0].answer).toBe(42);
    // Freed by the disconnects, well before the 2 s time limit would have freed them.
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  const exportQuery = `SELECT '=HYPERLINK("http://evil.example","bấm")' AS "ghi chú", 'Huyện Bình Sơn — đơn khiếu nại' AS ten,
    -5 AS so_am, '+84 905 123 456' AS dien_thoai, DATE '2024-03-01' AS ngay, 12.5::DECIMAL(6,2) AS ty_le, NULL::VARCHAR AS trong
    UNION ALL SELECT '@SUM(A1)', 'Tư Nghĩa', 7, '0905', DATE '2024-12-31', 0.25, 'có'`;

  const download = async (format: string) => {
    const res = await post('/api/sql/export', { sql: exportQuery, format });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="danvan-\\d{8}-\\d{6}\\.${format}"$`));
    return Buffer.from(await res.arrayBuffer());
  };

  it('exports CSV with a BOM, Vietnamese intact and formula cells neutralised', async () => {
    const csv = (await download('csv')).toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('ghi chú,ten,so_am,dien_thoai,ngay,ty_le,trong');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil.example"",""bấm"")",Huyện Bình Sơn — đơn khiếu nại,-5,'+84 905 123 456,2024-03-01,12.5,`);
    expect(lines[2]).toBe("'@SUM(A1),Tư Nghĩa,7,0905,2024-12-31,0.25,có");
  });

  it('exports XLSX that reads back with numbers, dates, Vietnamese text and neutralised formulas', async () => {
    const xlsx = await download('xlsx');
    const book = XLSX.read(xlsx, { cellDates: true });
    const sheet = book.Sheets[book.SheetNames[0]];
    // No cell is a formula.
    expect(Object.values(sheet).some((c) => typeof c === 'object' && c !== null && 'f' in c)).toBe(false);
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { raw: true });
    expect(rows[0]['ghi chú']).toBe(`'=HYPERLINK("http://evil.example","bấm")`);
    expect(rows[0].ten).toBe('Huyện Bình Sơn — đơn khiếu nại');
    expect(rows[0].so_am).toBe(-5);
    expect(rows[0].dien_thoai).toBe("'+84 905 123 456");
    // SheetJS reads a date cell as local midnight (the tests' time zone is Asia/Ho_Chi_Minh).
    const day = rows[0].ngay as Date;
    expect([day.getFullYear(), day.getMonth() + 1, day.getDate()]).toEqual([2024, 3, 1]);
    expect(rows[0].ty_le).toBe(12.5);
    expect(rows[0].trong).toBeUndefined();
    expect(rows[1]['ghi chú']).toBe("'@SUM(A1)");
    expect(rows[1].trong).toBe('có');
  });

  it('exports Parquet with DuckDB types kept', async () => {
    const file = join(dir, 'r.parquet');
    writeFileSync(file, await download('parquet'));
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      const types = (await conn.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '${file}')`)).getRows();
      expect(Object.fromEntries(types)).toMatchObject({ so_am: 'INTEGER', ngay: 'DATE', ty_le: 'DECIMAL(6,2)', ten: 'VARCHAR' });
      const rows = (await conn.runAndReadAll(`SELECT ten, so_am FROM '${file}' ORDER BY so_am`)).getRows();
      expect(rows).toEqual([['Huyện Bình Sơn — đơn khiếu nại', -5], ['Tư Nghĩa', 7]]);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  it('refuses hostile exports the same way and leaves no file behind', async () => {
    const res = await post('/api/sql/export', { sql: "COPY petitions TO '/tmp/x.csv'", format: 'csv' });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('refused');
    const slow = await post('/api/sql/export', { sql: FOREVER, format: 'xlsx' });
    expect(slow.status).toBe(408);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('danvan-export-'))).toEqual([]);
  }, 20_000);

  it('describes every table with data-dictionary descriptions', async () => {
    const res = await fetch(`${server.url}/api/schema`);
    expect(res.status).toBe(200);
    const schema = (await res.json()) as SchemaResponse;
    const names = schema.tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['petitions', 'resolution_stats', 'hotspot_stats', 'campaign_stats', 'data_dictionary']));
    const stats = schema.tables.find((t) => t.name === 'resolution_stats')!;
    expect(stats.description_vi).toBeTruthy();
    expect(stats.description_en).toBeTruthy();
    const rate = stats.columns.find((c) => c.name === 'on_time_rate')!;
    expect(rate.type).toBe('DOUBLE');
    expect(rate.description_vi).toBeTruthy();
    expect(schema.tables.find((t) => t.name === 'petitions')!.rows).toBeGreaterThan(1000);
  });

  it('rejects bad requests with clear errors', async () => {
    const notJson = await fetch(`${server.url}/api/sql`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'SELECT 1' });
    expect(notJson.status).toBe(415);
    const broken = await fetch(`${server.url}/api/sql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"sql":' });
    expect(broken.status).toBe(400);
    const empty = await sql('   ');
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).param).toBe('sql');
    const unknown = await post('/api/sql', { sql: 'SELECT 1', extra: true });
    expect(unknown.status).toBe(400);
    const badFormat = await post('/api/sql/export', { sql: 'SELECT 1', format: 'pdf' });
    expect((await errorOf(badFormat)).param).toBe('format');
    const badId = await post('/api/sql/cancel', { query_id: '../../etc' });
    expect(badId.status).toBe(400);
    expect((await fetch(`${server.url}/api/sql`)).status).toBe(405);
    const huge = await post('/api/sql', { sql: `SELECT '${'x'.repeat(300_000)}'` });
    expect(huge.status).toBe(413);
  });
});
