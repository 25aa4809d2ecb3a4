// Requests to the dashboard server: JSON for metadata, Apache Arrow IPC for data, decoded into
// plain row objects the charts and the CSV export can use directly. Every call takes an
// AbortSignal, so a changed filter cancels the requests the old filter started. Errors carry the
// server's own message (ApiError) in both languages.
import type { Table } from 'apache-arrow';
import type { ApiError, ENDPOINTS, EndpointName, EndpointParams, MetaResponse } from '../../api-contract.ts';

export type Row = Record<string, unknown>;

/**
 * The path of an endpoint. The contract names every endpoint `/api/<name>` (a test checks this
 * against ENDPOINTS); reading the path from ENDPOINTS itself would ship zod to the browser.
 */
export function endpointPath(name: EndpointName): string {
  return `/api/${name}`;
}
export type ArrowEndpoint = { [E in EndpointName]: (typeof ENDPOINTS)[E]['format'] extends 'arrow' ? E : never }[EndpointName];

/** GeoJSON district boundaries; each feature's properties carry its unit code (`code` or `unit_code`). */
export interface BoundaryCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: Record<string, unknown> | null; geometry: unknown }[];
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Origin to prefix the path with ('' in the browser: the page's own server). */
  base?: string;
}

/** A failed request, with a message for the user in Vietnamese and English. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly message_vi: string;
  readonly message_en: string;
  readonly param?: string;

  constructor(status: number, message_vi: string, message_en: string, param?: string) {
    super(`${message_vi} / ${message_en}`);
    this.name = 'ApiRequestError';
    this.status = status;
    this.message_vi = message_vi;
    this.message_en = message_en;
    this.param = param;
  }

  text(lang: 'vi' | 'en'): string {
    return lang === 'vi' ? this.message_vi : this.message_en;
  }
}

/** True for the rejection of a request that was cancelled on purpose (not worth showing). */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

/** The query string of a request; undefined, null and '' parameters are left out. */
export function queryString(params: Record<string, unknown> | undefined): string {
  if (!params) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    const value = Array.isArray(v) ? v.join(',') : String(v);
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(value).replace(/%2C/g, ',')}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function isApiError(v: unknown): v is ApiError {
  const e = (v as ApiError | null)?.error;
  return typeof e === 'object' && e !== null && typeof e.message_vi === 'string' && typeof e.message_en === 'string';
}

async function request(path: string, params: Record<string, unknown> | undefined, opts: RequestOptions): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${opts.base ?? ''}${path}${queryString(params)}`, { signal: opts.signal });
  } catch (e) {
    if (isAbortError(e)) throw e;
    throw new ApiRequestError(0, 'Không kết nối được máy chủ — kiểm tra máy chủ đang chạy rồi thử lại',
      'Could not reach the server — check that it is running, then try again');
  }
  if (res.ok) return res;
  let body: unknown = null;
  try {
    body = await res.json();
  } catch (e) {
    if (isAbortError(e)) throw e;
  }
  if (isApiError(body)) throw new ApiRequestError(res.status, body.error.message_vi, body.error.message_en, body.error.param);
  throw new ApiRequestError(res.status, `Máy chủ trả lỗi ${res.status} — thử tải lại trang`, `The server answered with error ${res.status} — try reloading the page`);
}

export async function fetchMeta(opts: RequestOptions = {}): Promise<MetaResponse> {
  const res = await request(endpointPath('meta'), undefined, opts);
  return (await res.json()) as MetaResponse;
}

/** The district boundaries as GeoJSON, or null when the build had no boundary file (404). */
export async function fetchBoundaries(opts: RequestOptions = {}): Promise<BoundaryCollection | null> {
  try {
    const res = await request(endpointPath('boundaries'), undefined, opts);
    return (await res.json()) as BoundaryCollection;
  } catch (e) {
    if (e instanceof ApiRequestError && e.status === 404) return null;
    throw e;
  }
}

/** Rows of an Arrow endpoint, decoded to plain objects (see tableToRows). */
export async function fetchArrow<E extends ArrowEndpoint>(endpoint: E, params: EndpointParams<E>, opts: RequestOptions = {}): Promise<Row[]> {
  const res = await request(endpointPath(endpoint), params as Record<string, unknown>, opts);
  const bytes = new Uint8Array(await res.arrayBuffer());
  // Arrow is loaded with the first data request, not with the page shell.
  const { tableFromIPC } = await import('apache-arrow');
  return tableToRows(tableFromIPC(bytes));
}

// Arrow type ids (apache-arrow's Type enum), kept as numbers so this module does not load Arrow.
const T = { Int: 2, Float: 3, Decimal: 7, Date: 8, Time: 9, Timestamp: 10, List: 12, Struct: 13, Dictionary: -1, FixedSizeList: 16, Map: 17 };

type Convert = (v: unknown) => unknown;

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function isoDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function toNumber(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  return v;
}

function msOf(v: unknown): number | null {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return null;
}

/** How one column's values become plain JSON-like values. */
function converter(type: { typeId: number; unit?: number; scale?: number; children?: { type: unknown }[]; dictionary?: unknown }): Convert {
  switch (type.typeId) {
    case T.Int:
      return toNumber;
    case T.Decimal: {
      // Arrow hands decimals back as unscaled big integers.
      const scale = type.scale ?? 0;
      return (v) => (v === null || v === undefined ? null : Number(String(v)) / 10 ** scale);
    }
    case T.Date:
      return (v) => {
        const ms = msOf(v);
        return ms === null ? null : isoDay(ms);
      };
    case T.Timestamp: {
      // unit: 0 s, 1 ms, 2 µs, 3 ns; apache-arrow already returns milliseconds for all of them.
      return (v) => {
        const ms = msOf(v);
        return ms === null ? null : new Date(ms).toISOString();
      };
    }
    case T.Dictionary:
      return type.dictionary ? converter(type.dictionary as never) : (v) => v;
    case T.List:
    case T.FixedSizeList: {
      const child = type.children?.[0] ? converter(type.children[0].type as never) : (x: unknown) => x;
      return (v) => (v === null || v === undefined ? null : Array.from(v as Iterable<unknown>, child));
    }
    case T.Struct:
      return (v) => (v === null || v === undefined ? null : JSON.parse(JSON.stringify((v as { toJSON(): unknown }).toJSON(), (_k, x) => (typeof x === 'bigint' ? Number(x) : x))));
    default:
      return (v) => (v === undefined ? null : v);
  }
}

/**
 * Arrow rows as plain objects: 64-bit integers and decimals as numbers, dates as "YYYY-MM-DD",
 * timestamps as full ISO strings, nulls as null, lists as arrays.
 */
export function tableToRows(table: Table): Row[] {
  const fields = table.schema.fields;
  const columns = fields.map((f, j) => ({ name: f.name, vector: table.getChildAt(j)!, convert: converter(f.type as never) }));
  const rows: Row[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const row: Row = {};
    for (const c of columns) {
      const v = c.vector.get(i);
      row[c.name] = v === null || v === undefined ? null : c.convert(v);
    }
    rows[i] = row;
  }
  return rows;
}

/**
 * One request at a time for one view: starting a new one aborts the one before, so a result
 * that arrives late for an old filter never overwrites the current one.
 */
export function latestOnly() {
  let current: AbortController | null = null;
  return {
    async run<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
      current?.abort();
      const ctrl = new AbortController();
      current = ctrl;
      try {
        return await fn(ctrl.signal);
      } finally {
        if (current === ctrl) current = null;
      }
    },
    abort(): void {
      current?.abort();
      current = null;
    },
  };
}
