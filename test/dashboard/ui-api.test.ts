// The app's API client against a real local HTTP server (node:http) answering like the dashboard
// server: Arrow IPC streams, ApiError JSON, a slow endpoint to cancel, a 404 for boundaries.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Bool, DateDay, Decimal, Dictionary, Float64, Int32, Int64, List, Field, Table, TimestampMicrosecond, TimestampMillisecond, Utf8,
  makeData, makeVector, tableToIPC, vectorFromArray,
} from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS, type EndpointName } from '../../dashboard/api-contract.ts';
import {
  ApiRequestError, endpointPath, fetchArrow, fetchBoundaries, fetchMeta, isAbortError, latestOnly, queryString, tableToRows,
} from '../../dashboard/src/lib/api.ts';
import { META_DEMO } from './fixtures/meta-demo.ts';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A table shaped like the server's resolution_stats answer (dashboard/server/arrow.ts types). */
function resolutionTable(): Table {
  return new Table({
    unit_code: vectorFromArray(['51', '524', null], new Utf8()),
    period_start: vectorFromArray([day('2024-07-01'), day('2024-10-01'), null], new DateDay()),
    caseload: vectorFromArray([52, 0, null], new Float64()),
    resolved: vectorFromArray([41, 0, null], new Int32()),
    resolution_rate: vectorFromArray([41 / 52, null, null], new Float64()),
    is_complete: vectorFromArray([true, false, null], new Bool()),
  });
}

const requests: string[] = [];
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/meta') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(META_DEMO));
    } else if (url.pathname === '/api/resolution') {
      if (url.searchParams.get('grain') === 'decade') {
        res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: { message_vi: 'Tham số grain không hợp lệ', message_en: 'Invalid grain', param: 'grain' } }));
        return;
      }
      const bytes = tableToIPC(resolutionTable(), 'stream');
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/vnd.apache.arrow.stream' });
        res.end(Buffer.from(bytes));
      };
      if (url.searchParams.get('from') === '2020-01-01') setTimeout(send, 1500);
      else send();
    } else if (url.pathname === '/api/boundaries') {
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: { message_vi: 'Không có tệp ranh giới', message_en: 'No boundary file' } }));
    } else {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>Bad gateway</body></html>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('endpoint paths', () => {
  it('follow the contract: /api/<name> for every endpoint', () => {
    for (const name of Object.keys(ENDPOINTS) as EndpointName[]) expect(endpointPath(name)).toBe(ENDPOINTS[name].path);
  });

  it('build query strings without empty parameters, keeping commas readable', () => {
    expect(queryString({ grain: 'quarter', from: '2024-01-01', unit: '524,522', kind_group: undefined, x: null, y: '' }))
      .toBe('?grain=quarter&from=2024-01-01&unit=524,522');
    expect(queryString({ unit: ['524', '522'], year: 2024 })).toBe('?unit=524,522&year=2024');
    expect(queryString({ q: 'a&b=c' })).toBe('?q=a%26b%3Dc');
    expect(queryString({})).toBe('');
    expect(queryString(undefined)).toBe('');
  });
});

describe('tableToRows', () => {
  it('decodes the server types to plain values: dates as ISO days, NULL as null', () => {
    const rows = tableToRows(resolutionTable());
    expect(rows).toEqual([
      { unit_code: '51', period_start: '2024-07-01', caseload: 52, resolved: 41, resolution_rate: 41 / 52, is_complete: true },
      { unit_code: '524', period_start: '2024-10-01', caseload: 0, resolved: 0, resolution_rate: null, is_complete: false },
      { unit_code: null, period_start: null, caseload: null, resolved: null, resolution_rate: null, is_complete: null },
    ]);
  });

  it('turns 64-bit integers, timestamps, dictionaries and lists into JSON-like values', () => {
    const listType = new List(new Field('item', new Int32(), true));
    const table = new Table({
      big: vectorFromArray([5n, 9_007_199_254_740_991n, null], new Int64()),
      ms: vectorFromArray([new Date('2024-03-01T01:02:03.456Z'), null, null], new TimestampMillisecond()),
      us: vectorFromArray([new Date('2024-03-01T01:02:03.456Z'), null, null], new TimestampMicrosecond()),
      kind: vectorFromArray(['complaint', 'feedback', 'complaint'], new Dictionary(new Utf8(), new Int32())),
      ages: vectorFromArray([[1, 2], [], null], listType),
    });
    const rows = tableToRows(table);
    expect(rows[0]).toEqual({ big: 5, ms: '2024-03-01T01:02:03.456Z', us: '2024-03-01T01:02:03.456Z', kind: 'complaint', ages: [1, 2] });
    expect(rows[1]).toEqual({ big: 9_007_199_254_740_991, ms: null, us: null, kind: 'feedback', ages: [] });
    expect(rows[2].ages).toBeNull();
    expect(typeof rows[0].big).toBe('number');
  });

  it('scales decimals (Arrow hands them back unscaled)', () => {
    const amount = makeVector(makeData({ type: new Decimal(2, 10, 128), length: 2, nullCount: 0, data: new Uint32Array([1234, 0, 0, 0, 5, 0, 0, 0]) }));
    expect(tableToRows(new Table({ amount }))).toEqual([{ amount: 12.34 }, { amount: 0.05 }]);
  });
});

describe('requests', () => {
  it('fetches meta as JSON', async () => {
    const meta = await fetchMeta({ base });
    expect(meta.province.name).toBe('Tỉnh Quảng Ngãi');
    expect(meta.districts).toHaveLength(13);
  });

  it('fetches Arrow rows with the parameters in the query string', async () => {
    const rows = await fetchArrow('resolution', { grain: 'quarter', from: '2024-07-01', to: '2024-10-01', unit: '524,522' }, { base });
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ unit_code: '51', period_start: '2024-07-01', resolution_rate: 41 / 52 });
    expect(requests.at(-1)).toBe('/api/resolution?grain=quarter&from=2024-07-01&to=2024-10-01&unit=524,522');
  });

  it("carries the server's ApiError message in both languages", async () => {
    const err = await fetchArrow('resolution', { grain: 'decade' as never, from: '2024-07-01', to: '2024-10-01' }, { base }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({ status: 400, message_vi: 'Tham số grain không hợp lệ', message_en: 'Invalid grain', param: 'grain' });
    expect(err.text('vi')).toBe('Tham số grain không hợp lệ');
    expect(err.message).toBe('Tham số grain không hợp lệ / Invalid grain');
  });

  it('explains an error without an ApiError body, and an unreachable server', async () => {
    const err = await fetchArrow('trends', {}, { base }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err.status).toBe(502);
    expect(err.message_vi).toContain('502');
    const down = await fetchMeta({ base: 'http://127.0.0.1:9' }).catch((e) => e);
    expect(down).toBeInstanceOf(ApiRequestError);
    expect(down.status).toBe(0);
    expect(down.message_vi).toContain('Không kết nối được máy chủ');
  });

  it('reads a 404 for boundaries as "no boundary file"', async () => {
    expect(await fetchBoundaries({ base })).toBeNull();
  });

  it('cancels a request when its signal aborts', async () => {
    const ctrl = new AbortController();
    const started = Date.now();
    const p = fetchArrow('resolution', { grain: 'quarter', from: '2020-01-01', to: '2024-10-01' }, { base, signal: ctrl.signal });
    setTimeout(() => ctrl.abort(), 50);
    const err = await p.catch((e) => e);
    expect(isAbortError(err)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('latestOnly: a new request aborts the one before, so a late answer never wins', async () => {
    const slot = latestOnly();
    const slow = slot.run((signal) => fetchArrow('resolution', { grain: 'quarter', from: '2020-01-01', to: '2024-10-01' }, { base, signal }));
    const fast = slot.run((signal) => fetchArrow('resolution', { grain: 'quarter', from: '2024-07-01', to: '2024-10-01' }, { base, signal }));
    const [a, b] = await Promise.allSettled([slow, fast]);
    expect(a.status).toBe('rejected');
    expect(isAbortError((a as PromiseRejectedResult).reason)).toBe(true);
    expect(b.status).toBe('fulfilled');
    expect((b as PromiseFulfilledResult<unknown[]>).value).toHaveLength(3);
    expect(isAbortError(new Error('x'))).toBe(false);
  });
});
