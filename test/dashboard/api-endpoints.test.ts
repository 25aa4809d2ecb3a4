// The dashboard API against a real demo build and a real server on 127.0.0.1: every endpoint,
// Arrow decoding, bad parameters (400 naming the parameter), unknown endpoints, ETag/304, gzip.
import { tableFromIPC, type Table } from 'apache-arrow';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, MetaResponse } from '../../dashboard/api-contract.ts';
import { createServer, type RunningServer } from '../../dashboard/server/server.ts';
import { main } from '../../pipeline/cli.ts';
import { tempDir, testBuild } from '../helpers.ts';

const ARROW = 'application/vnd.apache.arrow.stream';

describe('dashboard API on the demo database', () => {
  const { dir, cleanup } = tempDir('danvan-api-');
  let db: string;
  let server: RunningServer;
  const logs: string[] = [];

  beforeAll(async () => {
    db = (await testBuild(dir, { sources: ['data/demo'] })).db;
    server = await createServer({ db, port: 0, host: '127.0.0.1', distDir: join(dir, 'no-dist'), log: (l) => logs.push(l) });
  });
  afterAll(async () => {
    await server?.close();
    cleanup();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { headers });
  const arrow = async (path: string): Promise<Table> => {
    const res = await get(path);
    expect(res.status, `${path}: ${res.status}`).toBe(200);
    expect(res.headers.get('content-type')).toBe(ARROW);
    return tableFromIPC(new Uint8Array(await res.arrayBuffer()));
  };
  const rows = (t: Table) => t.toArray().map((r) => r.toJSON() as Record<string, unknown>);
  const columns = (t: Table) => t.schema.fields.map((f) => f.name);
  const iso = (ms: unknown) => new Date(ms as number).toISOString().slice(0, 10);
  /** What `danvan query` prints for the same SQL, as JSON. */
  const danvanQuery = async (sql: string) => {
    let out = '';
    expect(await main(['query', sql, '--db', db, '--format', 'json'], (s) => (out += s))).toBe(0);
    return JSON.parse(out) as Record<string, unknown>[];
  };

  it('meta: province, districts, tiles, periods, campaigns, sources, simulated', async () => {
    const res = await get('/api/meta');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const meta = (await res.json()) as MetaResponse;
    expect(meta.as_of).toBe('2024-12-31');
    expect(Number.isNaN(Date.parse(meta.built_at))).toBe(false);
    expect(meta.simulated).toBe(true);
    expect(meta.province).toEqual({ code: '51', name: 'Tỉnh Quảng Ngãi' });
    expect(meta.districts).toHaveLength(13);
    expect(meta.districts.map((d) => d.code)).toEqual([...meta.districts.map((d) => d.code)].sort());
    expect(meta.districts.find((d) => d.code === '524')).toEqual({ code: '524', name: 'Huyện Bình Sơn', short_name: 'Bình Sơn', is_remote: false });
    expect(meta.districts.find((d) => d.code === '536')?.is_remote).toBe(true);
    expect(meta.tile_grid).toHaveLength(13);
    expect(meta.tile_grid.every((t) => Number.isInteger(t.row) && Number.isInteger(t.col))).toBe(true);
    expect(meta.has_boundaries).toBe(false);
    const years = meta.periods.filter((p) => p.grain === 'year');
    expect(years.map((p) => p.start)).toEqual(['2020-01-01', '2021-01-01', '2022-01-01', '2023-01-01', '2024-01-01']);
    expect(years.at(-1)).toMatchObject({ end: '2024-12-31', label_vi: expect.stringContaining('2024'), is_complete: true });
    expect(meta.periods.find((p) => p.grain === 'report_q')?.start).toBe('2019-12-15');
    expect(meta.campaigns.map((c) => c.id)).toEqual(['dan_van_kheo', 'ntm_dtvm', 'vi_nguoi_ngheo']);
    expect(meta.sources.find((s) => s.file === 'don-thu-he-thong-2020-2022.csv')).toMatchObject({ sheet: null, dataset: 'petitions', loaded: 14987, rejected: 8 });
    expect(meta.sources.reduce((n, s) => n + s.loaded, 0)).toBeGreaterThan(20_000);
  });

  it('resolution: a year has the province and 13 districts for the kind group asked', async () => {
    const t = await arrow('/api/resolution?grain=year&from=2024-01-01&to=2024-12-31&kind_group=complaint');
    expect(t.numRows).toBe(14);
    expect(columns(t)).toEqual(expect.arrayContaining(['unit_code', 'unit_level', 'period_start', 'period_end', 'kind_group', 'received', 'caseload', 'resolved', 'resolution_rate', 'on_time_rate', 'backlog_end', 'overdue_end', 'median_days_km']));
    const r = rows(t);
    expect(new Set(r.map((x) => x.kind_group))).toEqual(new Set(['complaint']));
    expect(r[0]).toMatchObject({ unit_code: '51', unit_level: 'province' });
    expect(new Set(r.map((x) => x.unit_code)).size).toBe(14);
    expect(r.every((x) => iso(x.period_start) === '2024-01-01' && iso(x.period_end) === '2024-12-31')).toBe(true);
    // The province is the sum of its districts.
    const districts = r.filter((x) => x.unit_level === 'district');
    expect(districts.reduce((n, x) => n + (x.received as number), 0)).toBe(r[0].received);
    for (const x of r) {
      expect(typeof x.received).toBe('number');
      if (x.resolution_rate !== null) expect(x.resolution_rate).toBeGreaterThanOrEqual(0), expect(x.resolution_rate).toBeLessThanOrEqual(1);
    }
  });

  it('resolution: a value equals what danvan query returns for the same row', async () => {
    const t = await arrow('/api/resolution?grain=quarter&from=2024-01-01&to=2024-12-31&unit=524');
    const r = rows(t);
    expect(r).toHaveLength(4);
    expect(new Set(r.map((x) => x.unit_code))).toEqual(new Set(['524']));
    expect(r.map((x) => iso(x.period_start))).toEqual(['2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01']);
    const [expected] = await danvanQuery(`SELECT received, caseload, resolved, resolution_rate, on_time_rate, median_days_km, population, period_end
      FROM resolution_stats WHERE unit_code = '524' AND grain = 'quarter' AND period_start = '2024-07-01' AND kind_group = 'complaint_denunciation'`);
    const q3 = r[2];
    expect({ ...q3, period_end: iso(q3.period_end) }).toMatchObject(expected);
    expect(q3.resolution_rate).toBe(expected.resolution_rate);
  });

  it('resolution: several units, in any order, including the province', async () => {
    const a = rows(await arrow('/api/resolution?grain=year&from=2023-01-01&to=2024-12-31&unit=536,51,524'));
    expect(a).toHaveLength(6);
    expect(new Set(a.map((x) => x.unit_code))).toEqual(new Set(['51', '524', '536']));
    const b = rows(await arrow('/api/resolution?grain=year&from=2023-01-01&to=2024-12-31&unit=524,536,51,524'));
    expect(b).toEqual(a);
  });

  it('resolution: reporting periods are selected by their end date', async () => {
    const r = rows(await arrow('/api/resolution?grain=report_year&from=2024-01-01&to=2024-12-31&unit=51'));
    expect(r).toHaveLength(1);
    expect([iso(r[0].period_start), iso(r[0].period_end)]).toEqual(['2023-12-15', '2024-12-14']);
  });

  it('breakdown: received per district × month × topic, matching petition_counts', async () => {
    const t = await arrow('/api/breakdown?from=2024-01-01&to=2024-03-31&by=topic');
    expect(columns(t)).toEqual(['unit_code', 'month', 'kind', 'topic', 'received', 'in_jurisdiction', 'crowd', 'repeat', 'over_level']);
    const r = rows(t);
    expect(new Set(r.map((x) => iso(x.month)))).toEqual(new Set(['2024-01-01', '2024-02-01', '2024-03-01']));
    const total = r.reduce((n, x) => n + (x.received as number), 0);
    const [expected] = await danvanQuery(`SELECT sum(received)::INTEGER AS n FROM petition_counts WHERE month BETWEEN '2024-01-01' AND '2024-03-01'`);
    expect(total).toBe(expected.n);
    const cd = rows(await arrow('/api/breakdown?from=2024-01-01&to=2024-03-31&by=kind&kind_group=complaint_denunciation&unit=524'));
    expect(new Set(cd.map((x) => x.kind))).toEqual(new Set(['complaint', 'denunciation']));
    expect(columns(await arrow('/api/breakdown?from=2024-01-01&to=2024-03-31&by=kind'))).toEqual(['unit_code', 'month', 'kind', 'received', 'in_jurisdiction', 'crowd', 'repeat', 'over_level']);
    expect(new Set(cd.map((x) => x.unit_code))).toEqual(new Set(['524']));
    for (const by of ['channel', 'status']) expect(columns(await arrow(`/api/breakdown?from=2024-01-01&to=2024-12-31&by=${by}`))).toContain(by);
  });

  it('survival: a Kaplan–Meier curve per unit, falling from 1', async () => {
    const t = await arrow('/api/survival?year=2024&unit=51');
    expect(columns(t)).toEqual(['unit_code', 'year', 'kind_group', 'day', 'at_risk', 'events', 'censored', 'survival', 'ci_low', 'ci_high']);
    const r = rows(t);
    expect(r.length).toBeGreaterThan(20);
    expect(r.every((x) => x.unit_code === '51' && x.year === 2024 && x.kind_group === 'complaint_denunciation')).toBe(true);
    const s = r.map((x) => x.survival as number);
    expect(s.every((v, i) => i === 0 || v <= s[i - 1] + 1e-12)).toBe(true);
    expect(s[0]).toBeLessThanOrEqual(1);
    expect((await arrow('/api/survival?year=2019')).numRows).toBe(0);
  });

  it('overdue: open overdue cases by age at the end of the period containing the date', async () => {
    const t = await arrow('/api/overdue?grain=quarter&period=2024-10-01&kind_group=all');
    expect(columns(t)).toEqual(expect.arrayContaining(['unit_code', 'bucket', 'label_vi', 'label_en', 'ord', 'cases']));
    const r = rows(t);
    expect(r.length).toBeGreaterThan(0);
    expect(r.every((x) => iso(x.period_start) === '2024-10-01' && iso(x.period_end) === '2024-12-31' && x.kind_group === 'all')).toBe(true);
    const byEnd = rows(await arrow('/api/overdue?grain=quarter&period=2024-12-31&kind_group=all'));
    expect(byEnd).toEqual(r);
  });

  it('hotspots: districts ranked per period, with reasons for the flagged ones', async () => {
    const t = await arrow('/api/hotspots?grain=quarter&from=2024-01-01&to=2024-12-31');
    expect(columns(t)).toEqual(expect.arrayContaining(['unit_code', 'period_start', 'received', 'anomaly_z', 'gi_star_z', 'gi_band', 'score', 'rank', 'is_flagged', 'reasons_vi', 'reasons_en']));
    const r = rows(t);
    expect(r).toHaveLength(4 * 13);
    expect(r.some((x) => x.is_flagged === true)).toBe(true);
    for (const x of r.filter((x) => x.is_flagged)) expect(String(x.reasons_vi).length).toBeGreaterThan(0);
    const first = r.filter((x) => iso(x.period_start) === '2024-01-01').map((x) => x.rank);
    expect(first).toEqual([...first].sort((a, b) => (a as number) - (b as number)));
  });

  it('trends: one emerging-hot-spot category per district', async () => {
    const q = rows(await arrow('/api/trends'));
    expect(q).toHaveLength(13);
    expect(q.every((x) => x.grain === 'quarter' && typeof x.category === 'string')).toBe(true);
    expect(rows(await arrow('/api/trends?grain=month')).every((x) => x.grain === 'month')).toBe(true);
  });

  it('campaigns: rows of one campaign, or all', async () => {
    const all = rows(await arrow('/api/campaigns'));
    expect(new Set(all.map((x) => x.campaign_id))).toEqual(new Set(['dan_van_kheo', 'ntm_dtvm', 'vi_nguoi_ngheo']));
    const one = rows(await arrow('/api/campaigns?campaign=dan_van_kheo&unit=51'));
    expect(one).toHaveLength(5);
    expect(one.every((x) => x.campaign_id === 'dan_van_kheo' && x.unit_level === 'province')).toBe(true);
    expect(rows(await arrow('/api/campaigns?campaign=khong_co'))).toHaveLength(0);
  });

  it('boundaries: 404 JSON when the build had no boundary file', async () => {
    const res = await get('/api/boundaries');
    expect(res.status).toBe(404);
    const body = (await res.json()) as ApiError;
    expect(body.error.message_vi).toMatch(/ranh giới/);
    expect(body.error.message_en).toMatch(/boundary/);
  });

  describe('bad parameters → 400 naming the parameter', () => {
    const cases: [string, string, RegExp?][] = [
      ['/api/resolution?grain=year&from=2024-01-01&to=2024-12-31&foo=1', 'foo', /không được hỗ trợ/],
      ['/api/meta?x=1', 'x'],
      ['/api/resolution?grain=year&from=2024-13-01&to=2024-12-31', 'from', /ngày không tồn tại/],
      ['/api/resolution?grain=year&from=2024-02-30&to=2024-12-31', 'from', /ngày không tồn tại/],
      ['/api/resolution?grain=year&from=01/01/2024&to=2024-12-31', 'from', /YYYY-MM-DD/],
      ['/api/resolution?grain=decade&from=2024-01-01&to=2024-12-31', 'grain', /một trong: month, quarter, year/],
      ['/api/resolution?grain=year&from=2024-01-01&to=2024-12-31&kind_group=land', 'kind_group'],
      ['/api/resolution?grain=year&from=2024-01-01&to=2024-12-31&unit=524;DROP', 'unit'],
      ['/api/resolution?grain=year&from=2024-01-01&to=2024-12-31&unit=524,,522', 'unit'],
      ['/api/resolution?grain=year&from=2024-01-01&to=2024-12-31&unit=%27%20OR%201=1--', 'unit'],
      ['/api/resolution?grain=year&from=2024-01-01&to=2024-12-31&unit=', 'unit'],
      ['/api/resolution?from=2024-01-01&to=2024-12-31', 'grain', /Thiếu tham số/],
      ['/api/resolution?grain=year&from=2024-01-01', 'to', /Thiếu tham số/],
      ['/api/resolution?grain=year&from=2024-12-31&to=2024-01-01', 'from'],
      ['/api/resolution?grain=year&grain=month&from=2024-01-01&to=2024-12-31', 'grain', /lặp lại/],
      ['/api/breakdown?from=2024-01-01&to=2024-12-31&by=petitioner', 'by'],
      ['/api/breakdown?from=2024-01-01&to=2024-12-31&by=topic;DROP TABLE petitions', 'by'],
      ['/api/survival?year=abc', 'year', /số nguyên/],
      ['/api/survival?year=1800', 'year'],
      ['/api/survival', 'year', /Thiếu/],
      ['/api/overdue?grain=quarter&period=2024-1-1', 'period'],
      ['/api/hotspots?grain=report_q&from=2024-01-01&to=2024-12-31', 'grain'],
      ['/api/trends?grain=year', 'grain'],
      ['/api/campaigns?campaign=DAN%20VAN', 'campaign'],
      ['/api/campaigns?campaign=x%27;DROP%20TABLE%20campaigns;--', 'campaign'],
    ];
    it.each(cases)('%s → %s', async (path, param, vi) => {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await res.text();
      expect(text).not.toMatch(/\bat \S+ \(|\.ts:\d+|node_modules|Error:/);
      const body = JSON.parse(text) as ApiError;
      expect(body.error.param).toBe(param);
      expect(body.error.message_vi).toContain(`"${param}"`);
      expect(body.error.message_en).toContain(`"${param}"`);
      if (vi) expect(body.error.message_vi).toMatch(vi);
    });

    it('the database is untouched by SQL-looking input', async () => {
      const t = await arrow('/api/campaigns');
      expect(t.numRows).toBeGreaterThan(0);
      expect((await danvanQuery('SELECT count(*)::INTEGER AS n FROM petitions'))[0].n).toBeGreaterThan(20_000);
    });
  });

  it('unknown endpoints and methods: JSON errors, no stack traces', async () => {
    for (const path of ['/api/x', '/api', '/api/', '/api/meta/extra', '/api/query?sql=SELECT%201']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      const body = (await res.json()) as ApiError;
      expect(body.error.message_vi).toMatch(/Không có API/);
      expect(JSON.stringify(body)).not.toMatch(/\.ts:\d+|\n\s+at /);
    }
    const post = await fetch(server.url + '/api/meta', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(((await post.json()) as ApiError).error.message_en).toMatch(/GET/);
  });

  it('security headers on API answers; no CORS', async () => {
    const res = await get('/api/meta');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('ETag and If-None-Match → 304; the same parameters in another order share the entry', async () => {
    const path = '/api/hotspots?grain=year&from=2020-01-01&to=2024-12-31';
    const first = await get(path);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"1-[0-9a-f]+-[0-9a-f]+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await get(path, { 'If-None-Match': etag! });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    const reordered = await get('/api/hotspots?to=2024-12-31&from=2020-01-01&grain=year', { 'If-None-Match': etag! });
    expect(reordered.status).toBe(304);
    const other = await get('/api/hotspots?grain=year&from=2021-01-01&to=2024-12-31', { 'If-None-Match': etag! });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
    const meta = await get('/api/meta');
    expect((await get('/api/meta', { 'If-None-Match': meta.headers.get('etag')! })).status).toBe(304);
  });

  it('gzip when accepted: the decompressed bytes are the same Arrow stream', async () => {
    const path = '/api/survival?year=2023';
    const raw = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      const u = new URL(server.url + path);
      request({ host: u.hostname, port: u.port, path, headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject).end();
    });
    expect(raw.headers['content-encoding']).toBe('gzip');
    const plain = new Uint8Array(await (await get(path, { 'Accept-Encoding': 'identity' })).arrayBuffer());
    const unzipped = gunzipSync(raw.body);
    expect(unzipped.length).toBe(plain.length);
    expect(raw.body.length).toBeLessThan(plain.length);
    expect(tableFromIPC(unzipped).numRows).toBe(tableFromIPC(plain).numRows);
  });

  it('logged nothing unexpected', () => {
    expect(logs.filter((l) => /lỗi|error/i.test(l))).toEqual([]);
  });
});
