// How a DuckDB column's values are written to files people open: numbers stay numbers (never
// neutralised, -5 is not a formula), dates stay dates, everything else is text.
import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';

export type CellKind = 'number' | 'bool' | 'date' | 'timestamp' | 'text';

export function cellKindOf(type: DuckDBType): CellKind {
  switch (type.typeId) {
    case DuckDBTypeId.TINYINT: case DuckDBTypeId.SMALLINT: case DuckDBTypeId.INTEGER: case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT: case DuckDBTypeId.UTINYINT: case DuckDBTypeId.USMALLINT: case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT: case DuckDBTypeId.UHUGEINT: case DuckDBTypeId.FLOAT: case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return 'number';
    case DuckDBTypeId.BOOLEAN: return 'bool';
    case DuckDBTypeId.DATE: return 'date';
    case DuckDBTypeId.TIMESTAMP: case DuckDBTypeId.TIMESTAMP_S: case DuckDBTypeId.TIMESTAMP_MS: case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return 'timestamp';
    default: return 'text';
  }
}

/**
 * A value from DuckDB's JSON converter as what a file should hold: numbers as numbers (text when
 * too large for a double to hold exactly), dates as ISO text, nested values as JSON text.
 */
export function plainValue(kind: CellKind, v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'number': {
      const n = typeof v === 'number' ? v : Number(v);
      return Number.isFinite(n) && (Number.isSafeInteger(n) || !/^-?\d+$/.test(String(v))) ? n : String(v);
    }
    case 'bool': return Boolean(v);
    default: return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}
