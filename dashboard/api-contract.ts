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
  error: { message_vi: string; message_en: string; param?: string };
}
