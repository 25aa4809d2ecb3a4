// What kind of value each result column holds (from its Arrow type), and how a cell is written in
// the grid: vi-VN numbers ("1.234,5") and dates ("21/11/2026"), NULL kept apart from an empty text.
import { fmtDate, MINUS } from '../format.ts';
import type { Lang } from '../i18n.ts';

export type ColumnKind = 'number' | 'date' | 'timestamp' | 'text' | 'bool' | 'other';

export interface ResultColumn {
  name: string;
  kind: ColumnKind;
  /** Whether the numbers are all integers (counts): no decimals shown. */
  integer?: boolean;
}

// apache-arrow's Type ids, as numbers so this module does not load Arrow.
const TYPE = { Int: 2, Float: 3, Utf8: 5, Bool: 6, Decimal: 7, Date: 8, Time: 9, Timestamp: 10, LargeUtf8: 20, Dictionary: -1 } as const;

/** The kind of an Arrow data type ({typeId, dictionary?}). */
export function kindOfArrowType(type: { typeId: number; dictionary?: { typeId: number } }): ColumnKind {
  switch (type.typeId) {
    case TYPE.Int: case TYPE.Float: case TYPE.Decimal: return 'number';
    case TYPE.Date: return 'date';
    case TYPE.Timestamp: return 'timestamp';
    case TYPE.Utf8: case TYPE.LargeUtf8: return 'text';
    case TYPE.Bool: return 'bool';
    case TYPE.Dictionary: return type.dictionary ? kindOfArrowType(type.dictionary) : 'text';
    default: return 'other';
  }
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4, useGrouping: true });
const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, useGrouping: true });

/** A number as analysts read it: grouping, up to four decimals, the real minus sign, vi-VN separators. */
export function formatNumberCell(n: number, lang: Lang, integer = false): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '∞' : `${MINUS}∞`;
  const abs = Math.abs(n);
  // Very small or very large values would lose their digits in a fixed format.
  let body: string;
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) body = abs.toExponential(3);
  else body = (integer ? intFormat : numberFormat).format(abs);
  if (lang === 'vi') body = body.replace(/[.,]/g, (c) => (c === ',' ? '.' : ','));
  const zero = /^[0.,]+$/.test(body);
  return n < 0 && !zero ? MINUS + body : body;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A timestamp in Vietnam's time zone is not guessed: the UTC wall-clock the database stored is shown. */
function formatTimestamp(ms: number, lang: Lang): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  const day = fmtDate(d, lang);
  return `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function toMs(v: unknown): number | null {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return null;
}

/**
 * One cell as text; null for NULL (the grid shows NULL in its own style, never as "" or 0).
 * Values arrive as Arrow gives them: numbers, bigints, Date or epoch ms for dates, strings, …
 */
export function formatCell(v: unknown, col: Pick<ResultColumn, 'kind' | 'integer'>, lang: Lang): string | null {
  if (v === null || v === undefined) return null;
  switch (col.kind) {
    case 'number': {
      const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(String(v));
      return formatNumberCell(n, lang, col.integer ?? false);
    }
    case 'date': {
      const ms = toMs(v);
      return ms === null ? String(v) : fmtDate(ms, lang);
    }
    case 'timestamp': {
      const ms = toMs(v);
      return ms === null ? String(v) : formatTimestamp(ms, lang);
    }
    case 'bool':
      return v ? (lang === 'vi' ? 'đúng' : 'true') : (lang === 'vi' ? 'sai' : 'false');
    case 'text':
      return String(v);
    default:
      if (typeof v === 'object') {
        try {
          return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x));
        } catch {
          return String(v);
        }
      }
      return String(v);
  }
}

/** Whether a column's values (a sample) are all whole numbers. */
export function allIntegers(values: Iterable<unknown>): boolean {
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'bigint') continue;
    if (typeof v !== 'number' || !Number.isInteger(v)) return false;
  }
  return true;
}
