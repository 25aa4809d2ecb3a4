// One handler per endpoint of ENDPOINTS. Parameters are validated with the endpoint's zod schema;
// the SQL of every endpoint is a fixed string with bound values — nothing from the request is ever
// spliced into SQL (the breakdown's `by` picks one of four fixed statements). Results are cached per
// (generation, endpoint, normalised parameters); a swap to a new build empties the cache. A request
// the cache cannot answer is answered from the endpoint's table held in memory (slices.ts) — the
// same rows as its SQL below, without a DuckDB query — and by that SQL when the table is not held.
import { listValue, type DuckDBResultReader, type DuckDBValue } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { ENDPOINTS, type EndpointName, type MetaResponse } from '../api-contract.ts';
import { ARROW_CONTENT_TYPE, readerToArrow } from './arrow.ts';
import type { Generation, ServingDb } from './db.ts';
import { DATA_GZIP, errorPayload, jsonPayload, Payload } from './respond.ts';
import { breakdownSql, DATASET_NAMES, SliceStore } from './slices.ts';

type Params<E extends EndpointName> = z.output<(typeof ENDPOINTS)[E]['params']>;

const UNIT_FILTER = (n: number) => `($${n}::VARCHAR[] IS NULL OR list_contains($${n}::VARCHAR[], unit_code))`;

export const SQL = {
  resolution: `SELECT * FROM resolution_stats
    WHERE grain = $1 AND period_end BETWEEN $2::DATE AND $3::DATE AND kind_group = $4 AND ${UNIT_FILTER(5)}
    ORDER BY period_start, unit_level DESC, unit_code`,
  // Rows keep the kind beside the chosen dimension so charts can split any bar by kind.
  breakdown: Object.fromEntries((['kind', 'topic', 'channel', 'status'] as const).map((by) => [by, breakdownSql(by, true)])) as Record<Params<'breakdown'>['by'], string>,
  survival: `SELECT * FROM resolution_survival
    WHERE year = $1::INTEGER AND kind_group = $2 AND ${UNIT_FILTER(3)}
    ORDER BY unit_code, day`,
  overdue: `SELECT * FROM overdue_age
    WHERE grain = $1 AND $2::DATE BETWEEN period_start AND period_end AND kind_group = $3 AND ${UNIT_FILTER(4)}
    ORDER BY unit_code, ord`,
  hotspots: `SELECT * FROM hotspot_stats
    WHERE grain = $1 AND period_end BETWEEN $2::DATE AND $3::DATE AND ${UNIT_FILTER(4)}
    ORDER BY period_start, rank, unit_code`,
  trends: `SELECT * FROM hotspot_trends WHERE grain = $1 ORDER BY unit_code`,
  campaigns: `SELECT * FROM campaign_stats
    WHERE ($1::VARCHAR IS NULL OR campaign_id = $1::VARCHAR) AND ${UNIT_FILTER(2)}
    ORDER BY campaign_id, period_start, unit_level DESC, unit_code`,
  meta: {
    info: `SELECT key, value FROM build_info`,
    province: `SELECT unit_code AS code, name FROM admin_units WHERE level = 1 ORDER BY unit_code LIMIT 1`,
    districts: `SELECT unit_code AS code, name, coalesce(short_name, name) AS short_name, is_remote FROM admin_units WHERE level = 2 ORDER BY unit_code`,
    tiles: `SELECT unit_code AS code, "row"::INTEGER AS "row", col::INTEGER AS col FROM admin_tile_grid ORDER BY unit_code`,
    boundaries: `SELECT EXISTS (SELECT 1 FROM admin_boundaries) AS has`,
    periods: `SELECT grain, strftime(period_start, '%Y-%m-%d') AS "start", strftime(period_end, '%Y-%m-%d') AS "end",
      label_vi, label_en, range_label, is_complete FROM periods ORDER BY grain, period_start`,
    campaigns: `SELECT campaign_id AS id, name, kind FROM campaigns ORDER BY campaign_id`,
    sources: `SELECT source_file AS file, source_sheet AS sheet, dataset, coalesce(loaded_rows, 0)::INTEGER AS loaded,
      coalesce(rejected_rows, 0)::INTEGER AS rejected FROM load_log ORDER BY source_file, source_sheet NULLS FIRST`,
  },
  boundaries: `SELECT b.unit_code AS code, u.name, b.geometry FROM admin_boundaries b
    LEFT JOIN admin_units u ON u.unit_code = b.unit_code ORDER BY b.unit_code`,
} as const;

const units = (u: string[] | undefined): DuckDBValue => (u && u.length ? listValue(u) : null);

function arrow(reader: DuckDBResultReader, etag: string): Payload {
  return arrowBytes(readerToArrow(reader), etag);
}

function arrowBytes(bytes: Uint8Array, etag: string): Payload {
  return new Payload(200, ARROW_CONTENT_TYPE, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { 'Cache-Control': 'no-cache' }, etag, true, DATA_GZIP);
}

const rows = async <T>(g: Generation, sql: string): Promise<T[]> => (await g.query(sql)).getRowObjectsJson() as T[];

type Handler<E extends EndpointName> = (g: Generation, p: Params<E>, etag: string) => Promise<Payload>;

const HANDLERS: { [E in EndpointName]: Handler<E> } = {
  async meta(g, _p, etag) {
    const info = new Map((await rows<{ key: string; value: string | null }>(g, SQL.meta.info)).map((r) => [r.key, r.value ?? '']));
    const [province] = await rows<{ code: string; name: string }>(g, SQL.meta.province);
    const [{ has }] = await rows<{ has: boolean }>(g, SQL.meta.boundaries);
    const meta: MetaResponse = {
      as_of: info.get('as_of') ?? g.asOf,
      built_at: info.get('built_at') ?? g.builtAt,
      simulated: info.get('simulated') === 'true',
      gazetteer: info.get('gazetteer') ?? '',
      province: province ?? { code: '', name: '' },
      districts: await rows(g, SQL.meta.districts),
      tile_grid: await rows(g, SQL.meta.tiles),
      has_boundaries: has,
      periods: await rows(g, SQL.meta.periods),
      campaigns: await rows(g, SQL.meta.campaigns),
      sources: await rows(g, SQL.meta.sources),
    };
    return jsonPayload(200, meta, {}, etag);
  },
  async resolution(g, p, etag) {
    return arrow(await g.query(SQL.resolution, [p.grain, p.from, p.to, p.kind_group, units(p.unit)]), etag);
  },
  async breakdown(g, p, etag) {
    return arrow(await g.query(SQL.breakdown[p.by], [p.from, p.to, p.kind_group, units(p.unit)]), etag);
  },
  async survival(g, p, etag) {
    return arrow(await g.query(SQL.survival, [p.year, p.kind_group, units(p.unit)]), etag);
  },
  async overdue(g, p, etag) {
    return arrow(await g.query(SQL.overdue, [p.grain, p.period, p.kind_group, units(p.unit)]), etag);
  },
  async hotspots(g, p, etag) {
    return arrow(await g.query(SQL.hotspots, [p.grain, p.from, p.to, units(p.unit)]), etag);
  },
  async trends(g, p, etag) {
    return arrow(await g.query(SQL.trends, [p.grain]), etag);
  },
  async campaigns(g, p, etag) {
    return arrow(await g.query(SQL.campaigns, [p.campaign ?? null, units(p.unit)]), etag);
  },
  async boundaries(g, _p, etag) {
    const list = await rows<{ code: string; name: string | null; geometry: string }>(g, SQL.boundaries);
    if (!list.length) {
      return errorPayload(404, 'Bản dữ liệu này không có tệp ranh giới huyện; bảng điều khiển dùng bản đồ ô.',
        'This build has no district boundary file; the dashboard uses the tile-grid map.', undefined, { 'Cache-Control': 'no-cache' });
    }
    const features = list.map((r) => ({ type: 'Feature', properties: { code: r.code, name: r.name ?? r.code }, geometry: JSON.parse(r.geometry) as unknown }));
    return new Payload(200, 'application/geo+json; charset=utf-8', Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })), { 'Cache-Control': 'no-cache' }, etag);
  },
};

// ---------------------------------------------------------------------------------------------
// Parameter validation

type Issue = z.core.$ZodIssue;

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

function splitMessage(message: string): [string, string] {
  const i = message.indexOf(' / ');
  return i < 0 ? [message, message] : [message.slice(0, i), message.slice(i + 3)];
}

function describe(issue: Issue, raw: Record<string, string>, allowed: string[]): Payload {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    const list = allowed.length ? allowed.join(', ') : '—';
    return errorPayload(400, `Tham số "${key}" không được hỗ trợ (tham số hợp lệ: ${list}).`,
      `Unknown parameter "${key}" (allowed: ${list}).`, key);
  }
  const name = String(issue.path[0] ?? '');
  const given = raw[name];
  if (given === undefined) return errorPayload(400, `Thiếu tham số "${name}".`, `Missing parameter "${name}".`, name);
  const got = ` (nhận được "${clip(given)}")`;
  const gotEn = ` (got "${clip(given)}")`;
  switch (issue.code) {
    case 'invalid_value':
      return errorPayload(400, `Tham số "${name}" phải là một trong: ${issue.values.join(', ')}${got}.`,
        `Parameter "${name}" must be one of: ${issue.values.join(', ')}${gotEn}.`, name);
    case 'invalid_type':
      return errorPayload(400, `Tham số "${name}" phải là một số nguyên${got}.`, `Parameter "${name}" must be a whole number${gotEn}.`, name);
    case 'too_small':
      return errorPayload(400, `Tham số "${name}" phải từ ${String(issue.minimum)} trở lên${got}.`, `Parameter "${name}" must be at least ${String(issue.minimum)}${gotEn}.`, name);
    case 'too_big':
      return errorPayload(400, `Tham số "${name}" phải không quá ${String(issue.maximum)}${got}.`, `Parameter "${name}" must be at most ${String(issue.maximum)}${gotEn}.`, name);
    default: {
      const [vi, en] = splitMessage(issue.message);
      return errorPayload(400, `Tham số "${name}" không hợp lệ: ${vi}${got}.`, `Parameter "${name}" is invalid: ${en}${gotEn}.`, name);
    }
  }
}

/** A date the calendar has (Date.parse accepts 2024-02-30; DuckDB would then fail the query). */
const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

export type Parsed = { ok: true; data: Record<string, unknown>; key: string } | { ok: false; error: Payload };

/** Validates a query string against an endpoint's schema; `key` is the normalised cache key. */
export function parseParams(name: EndpointName, search: URLSearchParams): Parsed {
  const schema = ENDPOINTS[name].params;
  const raw: Record<string, string> = {};
  for (const [k, v] of search) {
    if (k in raw) {
      return { ok: false, error: errorPayload(400, `Tham số "${k}" bị lặp lại; mỗi tham số chỉ được ghi một lần.`, `Parameter "${k}" is repeated; give each parameter once.`, k) };
    }
    raw[k] = v;
  }
  const allowed = Object.keys(schema.shape);
  const result = schema.safeParse(raw);
  if (!result.success) return { ok: false, error: describe(result.error.issues[0], raw, allowed) };
  const data = { ...(result.data as Record<string, unknown>) };
  for (const k of ['from', 'to', 'period']) {
    const v = data[k];
    if (typeof v === 'string' && !isRealDate(v)) {
      return { ok: false, error: errorPayload(400, `Tham số "${k}" không hợp lệ: ngày không tồn tại (nhận được "${clip(v)}").`, `Parameter "${k}" is invalid: no such date (got "${clip(v)}").`, k) };
    }
  }
  if (typeof data.from === 'string' && typeof data.to === 'string' && data.from > data.to) {
    return { ok: false, error: errorPayload(400, `Tham số "from" (${data.from}) phải không sau "to" (${data.to}).`, `Parameter "from" (${data.from}) must not be after "to" (${data.to}).`, 'from') };
  }
  if (Array.isArray(data.unit)) data.unit = [...new Set(data.unit as string[])].sort();
  const key = `${name}?${Object.keys(data).sort().filter((k) => data[k] !== undefined).map((k) => `${k}=${String(data[k])}`).join('&')}`;
  return { ok: true, data, key };
}

// ---------------------------------------------------------------------------------------------
// Cache

/** A small LRU of responses for one generation; a newer generation empties it. */
class ResponseCache {
  private generation = 0;
  private readonly entries = new Map<string, Payload>();
  private bytes = 0;
  constructor(private readonly maxEntries: number, private readonly maxBytes: number) {}

  /** Moves to `id` when newer; false for a request still running on an older generation. */
  current(id: number): boolean {
    if (id > this.generation) {
      this.generation = id;
      this.entries.clear();
      this.bytes = 0;
    }
    return id === this.generation;
  }

  get(key: string): Payload | undefined {
    const p = this.entries.get(key);
    if (p) {
      this.entries.delete(key);
      this.entries.set(key, p);
    }
    return p;
  }

  set(key: string, p: Payload): void {
    if (p.size > this.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.size;
      this.entries.delete(key);
    }
    this.entries.set(key, p);
    this.bytes += p.size;
    for (const [k, v] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.size;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface Api {
  /** Answers `/api/...`; `pathname` without the query string. */
  handle(pathname: string, search: URLSearchParams): Promise<Payload>;
  readonly cacheSize: number;
  /** Bytes of metric tables held in memory for uncached requests (0 with `slices: false`). */
  readonly sliceBytes: number;
  /** Resolves when the tables of the current generation are loaded (or loading stopped). */
  warmed(): Promise<void>;
}

export interface ApiOptions {
  cacheEntries?: number;
  cacheBytes?: number;
  log?: (line: string) => void;
  /** Answer uncached data requests from tables held in memory (default true); false: SQL only. */
  slices?: boolean;
  /** Bytes of tables held at most (default 256 MiB); a table larger than this runs SQL. */
  sliceBytes?: number;
  /** Load every table when a generation opens rather than on first use (default true). */
  warm?: boolean;
}

const BY_PATH = new Map(Object.entries(ENDPOINTS).map(([name, e]) => [e.path as string, name as EndpointName]));

export function createApi(db: ServingDb, opts: ApiOptions = {}): Api {
  const cache = new ResponseCache(opts.cacheEntries ?? 256, opts.cacheBytes ?? 64 * 1024 * 1024);
  const inflight = new Map<string, Promise<Payload>>();
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const slices = opts.slices === false ? null : new SliceStore({ maxBytes: opts.sliceBytes });
  let sliceFailures = 0;

  /** Loads every table of the current generation, one at a time; stops at a swap or on close. */
  async function warm(): Promise<void> {
    if (!slices) return;
    let id = -1;
    for (const name of DATASET_NAMES) {
      try {
        const same = await db.use(async (g) => {
          if (id === -1) id = g.id;
          if (g.id !== id) return false;
          await slices.dataset(g, name);
          return true;
        });
        if (!same) return;
      } catch {
        return; // closed, or a table the build lacks: requests run SQL and report it
      }
    }
  }
  let warming = opts.warm === false ? Promise.resolve() : warm();
  db.onSwap((g) => {
    cache.current(g.id);
    slices?.current(g.id);
    if (opts.warm !== false) warming = warm();
  });

  async function answer(g: Generation, name: EndpointName, data: Record<string, unknown>, etag: string): Promise<Payload> {
    if (slices?.serves(name)) {
      try {
        const bytes = await slices.answer(g, name, data);
        if (bytes) return arrowBytes(bytes, etag);
      } catch (e) {
        // Never a failed request for it: the SQL below answers, and the cause is logged (a few times).
        if (sliceFailures++ < 5) log(`danvan serve: bảng trong bộ nhớ lỗi, dùng SQL / in-memory table failed, using SQL (${name}): ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
      }
    }
    return (HANDLERS[name] as Handler<EndpointName>)(g, data as Params<EndpointName>, etag);
  }

  return {
    get cacheSize() {
      return cache.size;
    },
    get sliceBytes() {
      return slices?.bytes ?? 0;
    },
    warmed() {
      return warming;
    },
    async handle(pathname, search) {
      const name = BY_PATH.get(pathname);
      if (!name) {
        return errorPayload(404, `Không có API ${clip(pathname)}. Các API: ${[...BY_PATH.keys()].join(', ')}.`, `No such API endpoint ${clip(pathname)}.`);
      }
      const parsed = parseParams(name, search);
      if (!parsed.ok) return parsed.error;
      try {
        return await db.use(async (g) => {
          const cacheable = cache.current(g.id);
          const hit = cacheable ? cache.get(parsed.key) : undefined;
          if (hit) return hit;
          const flightKey = `${g.id}\u0000${parsed.key}`;
          let pending = inflight.get(flightKey);
          if (!pending) {
            const etag = `W/"${g.id}-${g.tag}-${createHash('sha1').update(parsed.key).digest('hex').slice(0, 12)}"`;
            pending = answer(g, name, parsed.data, etag).finally(() => inflight.delete(flightKey));
            inflight.set(flightKey, pending);
          }
          const payload = await pending;
          if (cacheable && cache.current(g.id)) cache.set(parsed.key, payload);
          return payload;
        });
      } catch (e) {
        log(`danvan serve: lỗi khi đọc ${name} / error reading ${name}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
        return errorPayload(500, 'Máy chủ không đọc được dữ liệu. Hãy thử lại; nếu vẫn lỗi, hãy chạy lại "danvan build".',
          'The server could not read the data. Try again; if it persists, run "danvan build" again.');
      }
    },
  };
}
