// The dashboard API, defined once: endpoint names, their query parameters (zod) and what they
// return. The server validates with these schemas and the app builds its requests from them.
import { z } from 'zod';

export const GRAINS = ['month', 'quarter', 'year', 'report_q', 'report_6m', 'report_9m', 'report_year'] as const;
export const HOTSPOT_GRAINS = ['month', 'quarter', 'year'] as const;
export const KIND_GROUPS = ['complaint_denunciation', 'complaint', 'denunciation', 'feedback', 'all'] as const;
export const BREAKDOWN_BY = ['kind', 'topic', 'channel', 'status'] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'cần ngày dạng YYYY-MM-DD / expected a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'ngày không tồn tại / no such date');
/** One or more unit codes, comma-separated ("524,522"). */
const units = z.string().regex(/^\d{2,5}(,\d{2,5})*$/, 'cần mã đơn vị, cách nhau bằng dấu phẩy / expected unit codes, comma-separated')
  .transform((s) => s.split(','));

export const ENDPOINTS = {
  /** JSON: units, periods, campaigns, as-of date, build time, whether the data is simulated. */
  meta: { path: '/api/meta', format: 'json', params: z.object({}).strict() },
  /** Arrow: resolution_stats rows. */
  resolution: {
    path: '/api/resolution', format: 'arrow',
    params: z.object({
      grain: z.enum(GRAINS), from: isoDate, to: isoDate,
      kind_group: z.enum(KIND_GROUPS).default('complaint_denunciation'), unit: units.optional(),
    }).strict(),
  },
  /** Arrow: petitions received per unit × month × value of `by` (petition_counts). */
  breakdown: {
    path: '/api/breakdown', format: 'arrow',
    params: z.object({ from: isoDate, to: isoDate, by: z.enum(BREAKDOWN_BY), kind_group: z.enum(KIND_GROUPS).default('all'), unit: units.optional() }).strict(),
  },
  /** Arrow: Kaplan–Meier curve points (resolution_survival). */
  survival: {
    path: '/api/survival', format: 'arrow',
    params: z.object({ year: z.coerce.number().int().min(1990).max(2100), kind_group: z.enum(KIND_GROUPS).default('complaint_denunciation'), unit: units.optional() }).strict(),
  },
  /** Arrow: overdue open cases by age at the end of one period (overdue_age). */
  overdue: {
    path: '/api/overdue', format: 'arrow',
    params: z.object({ grain: z.enum(GRAINS), period: isoDate, kind_group: z.enum(KIND_GROUPS).default('complaint_denunciation'), unit: units.optional() }).strict(),
  },
  /** Arrow: hotspot_stats rows. */
  hotspots: {
    path: '/api/hotspots', format: 'arrow',
    params: z.object({ grain: z.enum(HOTSPOT_GRAINS), from: isoDate, to: isoDate, unit: units.optional() }).strict(),
  },
  /** Arrow: hotspot_trends rows. */
  trends: { path: '/api/trends', format: 'arrow', params: z.object({ grain: z.enum(['month', 'quarter']).default('quarter') }).strict() },
  /** Arrow: campaign_stats rows. */
  campaigns: {
    path: '/api/campaigns', format: 'arrow',
    params: z.object({ campaign: z.string().regex(/^[a-z0-9_]{1,64}$/, 'mã phong trào không hợp lệ / invalid campaign id').optional(), unit: units.optional() }).strict(),
  },
  /** GeoJSON FeatureCollection of district boundaries; 404 when the build had no boundary file. */
  boundaries: { path: '/api/boundaries', format: 'json', params: z.object({}).strict() },
} as const;

export type EndpointName = keyof typeof ENDPOINTS;
export type EndpointParams<E extends EndpointName> = z.input<(typeof ENDPOINTS)[E]['params']>;

export interface MetaResponse {
  as_of: string;
  built_at: string;
  simulated: boolean;
  gazetteer: string;
  province: { code: string; name: string };
  districts: { code: string; name: string; short_name: string; is_remote: boolean }[];
  tile_grid: { code: string; row: number; col: number }[];
  has_boundaries: boolean;
  periods: { grain: string; start: string; end: string; label_vi: string; label_en: string; range_label: string; is_complete: boolean }[];
  campaigns: { id: string; name: string; kind: string }[];
  sources: { file: string; sheet: string | null; dataset: string | null; loaded: number; rejected: number }[];
}

/** Every error the API returns: JSON, never a stack trace. */
export interface ApiError {
  error: { message_vi: string; message_en: string; param?: string; code?: SqlErrorCode };
}

// ---------------------------------------------------------------------------------------------
// The analysts' workbench. Queries run in the sandbox (pipeline/query/sandbox.ts): a separate
// read-only DuckDB with no file or network access, a time limit, a row cap and a memory cap.

/** Why a workbench query did not give a result (ApiError.error.code). */
export const SQL_ERROR_CODES = ['refused', 'invalid', 'timeout', 'cancelled', 'memory', 'busy', 'too_large', 'no_database'] as const;
export type SqlErrorCode = (typeof SQL_ERROR_CODES)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Rows the grid receives at most; a longer result is cut off with a notice (X-Danvan-Truncated). */
export const GRID_MAX_ROWS = 100_000;
/** Rows an export writes at most (below Excel's 1,048,576-row sheet limit). */
export const EXPORT_MAX_ROWS = 1_000_000;

const sqlText = z.string().trim().min(1, 'hãy nhập câu truy vấn / enter a query').max(100_000, 'câu truy vấn quá dài / query too long');
/** Chosen by the client so it can cancel a query it started. */
const queryId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'mã truy vấn không hợp lệ / invalid query id');

export const WORKBENCH = {
  /**
   * POST, JSON body → 200 Arrow IPC of the result. Headers: X-Danvan-Rows (rows sent),
   * X-Danvan-Truncated ("1" when the result had more than max_rows rows), X-Danvan-Elapsed-Ms.
   * Errors: JSON ApiError with a code — 400 refused/invalid, 408 timeout, 499 cancelled,
   * 413 too_large/memory, 429 busy, 503 no_database.
   */
  query: {
    path: '/api/sql', method: 'POST',
    body: z.object({ sql: sqlText, query_id: queryId.optional(), max_rows: z.number().int().min(1).max(GRID_MAX_ROWS).default(GRID_MAX_ROWS) }).strict(),
  },
  /** POST {query_id} → 200 {cancelled: boolean}: interrupts that query if it is still running. */
  cancel: { path: '/api/sql/cancel', method: 'POST', body: z.object({ query_id: queryId }).strict() },
  /**
   * POST {sql, format} → the whole result (up to EXPORT_MAX_ROWS) as a file download
   * (Content-Disposition: attachment; filename="danvan-<date>.<ext>"). CSV is UTF-8 with BOM;
   * CSV and XLSX text cells that begin with = + - @ (or tab/CR) are neutralised with a leading '.
   */
  export: {
    path: '/api/sql/export', method: 'POST',
    body: z.object({ sql: sqlText, format: z.enum(EXPORT_FORMATS), query_id: queryId.optional() }).strict(),
  },
  /** GET → SchemaResponse: every table with its columns, types and data-dictionary descriptions. */
  schema: { path: '/api/schema', method: 'GET', params: z.object({}).strict() },
} as const;

export type SqlQueryBody = z.input<typeof WORKBENCH.query.body>;
export type SqlExportBody = z.input<typeof WORKBENCH.export.body>;

export interface SchemaResponse {
  tables: {
    name: string;
    /** Data-dictionary description; null for tables the dictionary does not describe. */
    description_vi: string | null;
    description_en: string | null;
    rows: number | null;
    columns: { name: string; type: string; description_vi: string | null; description_en: string | null }[];
  }[];
}

/** The annual summary (`danvan publish`), also served by `danvan serve` for the dashboard's link. */
export const summaryPath = (year: number, lang: 'vi' | 'en'): string => `/summary/${year}/${lang === 'vi' ? '' : 'en/'}`;
