// Uncached requests answered from tables in memory (dashboard/server/slices.ts) must be exactly what
// the endpoint's SQL gives: same columns and Arrow types, same rows in the same order. On the demo
// build, for hundreds of random parameter combinations per endpoint — unit filters (one, several,
// the province, a code with no data), empty ranges, single periods — the API with slices and the
// API running SQL only answer the same; and the slices really answer (no silent fallback to SQL).
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BREAKDOWN_BY, GRAINS, HOTSPOT_GRAINS, KIND_GROUPS, type EndpointName, type MetaResponse } from '../../dashboard/api-contract.ts';
import { readerToArrow, typedColumn, typedRowsToArrow } from '../../dashboard/server/arrow.ts';
import { ServingDb } from '../../dashboard/server/db.ts';
import { createApi, parseParams, type Api } from '../../dashboard/server/routes.ts';
import { DATASET_NAMES, SliceStore } from '../../dashboard/server/slices.ts';
import { tempDir, testBuild } from '../helpers.ts';

const PER_ENDPOINT = 220;

/** Deterministic, so a failure names a combination that fails again. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] };
}

type Q = Record<string, string | number | undefined>;
const qs = (q: Q) => new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));

function decode(body: Buffer): { fields: string[]; rows: Record<string, unknown>[]; table: Table } {
  const table = tableFromIPC(new Uint8Array(body));
  return {
    table,
    fields: table.schema.fields.map((f) => `${f.name}:${String(f.type)}:${f.nullable}`),
    rows: table.toArray().map((r) => r.toJSON() as Record<string, unknown>),
  };
}

describe('in-memory slices answer as the SQL does', () => {
  const { dir, cleanup } = tempDir('danvan-slices-');
  let db: ServingDb;
  let mem: Api;
  let sql: Api;
  let meta: MetaResponse;
  const logs: string[] = [];

  beforeAll(async () => {
    const path = (await testBuild(dir, { sources: ['data/demo'] })).db;
    db = await ServingDb.open(path, { log: (l) => logs.push(l) });
    sql = createApi(db, { slices: false, log: (l) => logs.push(l) });
    mem = createApi(db, { log: (l) => logs.push(l) });
    await mem.warmed();
    meta = JSON.parse((await sql.handle('/api/meta', new URLSearchParams())).body.toString()) as MetaResponse;
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    cleanup();
  });

  /** Parameter sets for one endpoint: realistic ones plus the edges named in the header. */
  function combos(endpoint: EndpointName, seed: number): Q[] {
    const r = rng(seed);
    const districts = meta.districts.map((d) => d.code);
    const periods = (g: string) => meta.periods.filter((p) => p.grain === g).sort((a, b) => (a.start < b.start ? -1 : 1));
    const unit = (): string | undefined => {
      const x = r.next();
      if (x < 0.3) return undefined;
      if (x < 0.4) return meta.province.code;
      if (x < 0.45) return '99999';
      const set = new Set<string>();
      const k = x < 0.75 ? 1 : 2 + r.int(3);
      while (set.size < k) set.add(r.next() < 0.15 ? meta.province.code : r.pick(districts));
      return [...set].join(','); // unsorted on purpose: the server normalises
    };
    /** A range over a grain's periods: a run of them, a single one, an empty one, odd dates. */
    const span = (g: string): { from: string; to: string } => {
      const ps = periods(g);
      const x = r.next();
      if (x < 0.08) return { from: '2030-01-01', to: '2031-12-31' }; // after the data
      if (x < 0.14) return { from: '2001-01-01', to: '2001-06-30' }; // before it
      const j = r.int(ps.length);
      if (x < 0.3) return { from: ps[j].end, to: ps[j].end }; // a single period, by its end day
      if (x < 0.4) return { from: ps[j].start, to: ps[j].end }; // a single period, whole
      if (x < 0.48) {
        const d = `${ps[j].start.slice(0, 8)}${String(2 + r.int(12)).padStart(2, '0')}`;
        return { from: d, to: d }; // one day that may end nothing
      }
      const i = Math.max(0, j - r.int(12));
      if (x < 0.6) return { from: `${ps[i].start.slice(0, 8)}1${r.int(8)}`, to: ps[j].end }; // mid-month start
      return { from: ps[i].start, to: ps[j].end };
    };
    const years = periods('year').map((p) => Number(p.start.slice(0, 4)));
    const gen: Partial<Record<EndpointName, () => Q>> = {
      resolution: () => {
        const grain = r.pick(GRAINS);
        return { grain, ...span(grain), kind_group: r.next() < 0.2 ? undefined : r.pick(KIND_GROUPS), unit: unit() };
      },
      breakdown: () => ({ ...span('month'), by: r.pick(BREAKDOWN_BY), kind_group: r.next() < 0.2 ? undefined : r.pick(KIND_GROUPS), unit: unit() }),
      survival: () => ({ year: r.next() < 0.1 ? 2031 : r.pick(years), kind_group: r.next() < 0.2 ? undefined : r.pick(KIND_GROUPS), unit: unit() }),
      overdue: () => {
        const grain = r.pick(GRAINS);
        const ps = periods(grain);
        const p = r.pick(ps);
        const x = r.next();
        const period = x < 0.4 ? p.start : x < 0.6 ? p.end : x < 0.7 ? '2035-06-15' : `${p.start.slice(0, 8)}2${r.int(8)}`;
        return { grain, period, kind_group: r.next() < 0.2 ? undefined : r.pick(KIND_GROUPS), unit: unit() };
      },
      hotspots: () => {
        const grain = r.pick(HOTSPOT_GRAINS);
        return { grain, ...span(grain), unit: unit() };
      },
      campaigns: () => {
        const x = r.next();
        return { campaign: x < 0.25 ? undefined : x < 0.3 ? 'khong_co' : r.pick(meta.campaigns).id, unit: unit() };
      },
    };
    const seen = new Map<string, Q>();
    for (let t = 0; seen.size < PER_ENDPOINT && t < PER_ENDPOINT * 50; t++) {
      const q = gen[endpoint]!();
      seen.set(qs(q).toString(), q);
    }
    return [...seen.values()];
  }

  const ENDPOINTS: EndpointName[] = ['resolution', 'breakdown', 'survival', 'overdue', 'hotspots', 'campaigns'];

  it.each(ENDPOINTS.map((e, i) => [e, i] as const))('%s: ≥200 random combinations give the SQL answer', async (endpoint, i) => {
    const list = combos(endpoint, 7 + i);
    expect(list.length).toBeGreaterThanOrEqual(200);
    let nonEmpty = 0;
    let empty = 0;
    let filtered = 0;
    for (const q of list) {
      const path = `/api/${endpoint}`;
      const [a, b] = await Promise.all([sql.handle(path, qs(q)), mem.handle(path, qs(q))]);
      const label = `${path}?${qs(q).toString()}`;
      expect(b.status, label).toBe(a.status);
      expect(a.status, label).toBe(200);
      expect(b.contentType, label).toBe(a.contentType);
      const x = decode(a.body);
      const y = decode(b.body);
      expect(y.fields, label).toEqual(x.fields);
      expect(y.table.numRows, label).toBe(x.table.numRows);
      expect(y.rows, label).toEqual(x.rows);
      if (x.rows.length) nonEmpty++;
      else empty++;
      if (q.unit) filtered++;
    }
    // The combinations exercise both outcomes and the unit filter.
    expect(nonEmpty).toBeGreaterThan(list.length / 3);
    expect(empty).toBeGreaterThan(0);
    expect(filtered).toBeGreaterThan(list.length / 2);
    expect(logs.filter((l) => /in-memory table failed/.test(l))).toEqual([]);
  }, 120_000);

  it('every data endpoint is answered from memory, not by falling back to SQL', async () => {
    const store = new SliceStore();
    const requests: [EndpointName, string][] = [
      ['resolution', 'grain=quarter&from=2024-01-01&to=2024-12-31&unit=524'],
      ['breakdown', 'from=2024-01-01&to=2024-03-31&by=topic&kind_group=complaint'],
      ['survival', 'year=2024&unit=51'],
      ['overdue', 'grain=month&period=2024-06-01'],
      ['hotspots', 'grain=quarter&from=2023-01-01&to=2024-12-31'],
      ['campaigns', 'campaign=dan_van_kheo'],
    ];
    await db.use(async (g) => {
      for (const [name, q] of requests) {
        const parsed = parseParams(name, new URLSearchParams(q));
        if (!parsed.ok) throw new Error(q);
        const bytes = await store.answer(g, name, parsed.data);
        expect(bytes, name).not.toBeNull();
        expect(tableFromIPC(bytes!).numRows, name).toBeGreaterThan(0);
      }
      expect(store.serves('meta')).toBe(false);
      expect(store.serves('trends')).toBe(false);
    });
    expect(store.bytes).toBeGreaterThan(0);
    expect(mem.sliceBytes).toBeGreaterThan(0);
    expect(mem.sliceBytes).toBeLessThan(64 * 1024 * 1024);
    // A newer generation drops every table; a request still on the old one runs SQL.
    store.current(db.generation + 1);
    expect(store.bytes).toBe(0);
    await db.use(async (g) => {
      const parsed = parseParams('campaigns', new URLSearchParams(''));
      expect(parsed.ok).toBe(true);
      expect(await store.answer(g, 'campaigns', (parsed as { data: Record<string, unknown> }).data)).toBeNull();
    });
  });

  it('memory stays under its bound: tables evicted, one too large runs SQL with the same answer', async () => {
    const sizes = new Map<string, number>();
    const probe = new SliceStore();
    await db.use(async (g) => {
      for (const name of DATASET_NAMES) sizes.set(name, (await probe.dataset(g, name))!.bytes);
    });
    const largest = Math.max(...sizes.values());
    const bound = Math.ceil(largest * 1.2);
    const small = new SliceStore({ maxBytes: bound });
    await db.use(async (g) => {
      for (const name of DATASET_NAMES) {
        await small.dataset(g, name);
        expect(small.bytes).toBeLessThanOrEqual(bound);
      }
    });
    expect(small.tables).toBeLessThan(DATASET_NAMES.length);

    const tiny = createApi(db, { sliceBytes: 1, log: (l) => logs.push(l) });
    await tiny.warmed();
    expect(tiny.sliceBytes).toBe(0);
    const q = new URLSearchParams('grain=year&from=2020-01-01&to=2024-12-31&unit=524,51');
    const [a, b] = await Promise.all([sql.handle('/api/resolution', q), tiny.handle('/api/resolution', q)]);
    expect(b.status).toBe(200);
    expect(decode(b.body).rows).toEqual(decode(a.body).rows);
  });
});

describe('Arrow written from in-memory columns', () => {
  // Every type the metric tables use, NULLs in each, strings long and short, non-ASCII.
  const SQL = `SELECT * FROM (VALUES
    ('Bình Sơn', true, 1::TINYINT, 2147483647::INTEGER, 9007199254740991::BIGINT, 0.8888888888888888::DOUBLE, 12.345::DECIMAL(10,3), DATE '2024-02-29', 4294967295::UINTEGER, 7::HUGEINT),
    (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    ('Lý Sơn — đảo; lý do dài hơn hai mươi bốn byte để chép theo khối', false, (-128)::TINYINT, (-2147483648)::INTEGER, (-5)::BIGINT, (-0.5)::DOUBLE, (-0.001)::DECIMAL(10,3), DATE '1970-01-01', 0::UINTEGER, (-1)::HUGEINT),
    ('', false, 0::TINYINT, 0::INTEGER, 0::BIGINT, 1e300::DOUBLE, 0::DECIMAL(10,3), DATE '1969-12-31', 1::UINTEGER, 0::HUGEINT),
    ('Bình Sơn', NULL, 5::TINYINT, NULL, 3::BIGINT, NULL, 1.5::DECIMAL(10,3), NULL, NULL, 2::HUGEINT)
  ) t(s, b, ti, i, bi, d, dec, dt, ui, hi)`;

  it('decodes to the rows and types readerToArrow gives, for any subset of rows', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      const reader = await conn.runAndReadAll(SQL);
      const names = reader.columnNames();
      const types = reader.columnTypes();
      const values = reader.getColumns();
      const cols = names.map((n, i) => typedColumn(n, types[i], values[i]));
      const whole = decode(Buffer.from(readerToArrow(reader)));
      const subsets = [[0, 1, 2, 3, 4], [1, 2, 3], [4, 2, 0], [1], [3], []];
      for (const rows of subsets) {
        const got = decode(Buffer.from(typedRowsToArrow(cols, Int32Array.from(rows))));
        expect(got.fields, String(rows)).toEqual(whole.fields);
        expect(got.rows, String(rows)).toEqual(rows.map((r) => whole.rows[r]));
      }
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});
