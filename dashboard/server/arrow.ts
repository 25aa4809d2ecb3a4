// Query results to Apache Arrow IPC stream bytes, typed from DuckDB's column types.
//
// Every number reaches the browser as a plain JS number: integers up to 32 bits become Int32, and
// BIGINT/HUGEINT/UBIGINT/UINTEGER (DuckDB's type for counts and sums) become Float64. Float64 holds
// any integer below 2^53 exactly, and decodes to `number` — an Int64 column would decode to BigInt,
// which Observable Plot, Math.* and `+` cannot mix with numbers. Dates become DateDay, which
// apache-arrow decodes to epoch milliseconds (`new Date(value)` in the browser). Types the metric
// tables do not use (timestamps, lists, …) travel as their text form (Utf8) rather than failing.
import type { DuckDBResultReader, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { DuckDBTypeId } from '@duckdb/node-api';
import { Bool, DateDay, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';

export const ARROW_CONTENT_TYPE = 'application/vnd.apache.arrow.stream';

const DAY_MS = 86_400_000;

type Kind = 'utf8' | 'bool' | 'int32' | 'float64' | 'date';

/** How a DuckDB column type travels (exported for tests and the client's documentation). */
export function arrowKindOf(type: DuckDBType): Kind {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN: return 'bool';
    case DuckDBTypeId.TINYINT: case DuckDBTypeId.SMALLINT: case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT: case DuckDBTypeId.USMALLINT:
      return 'int32';
    case DuckDBTypeId.BIGINT: case DuckDBTypeId.UBIGINT: case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.HUGEINT: case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.FLOAT: case DuckDBTypeId.DOUBLE: case DuckDBTypeId.DECIMAL:
      return 'float64';
    case DuckDBTypeId.DATE: return 'date';
    default: return 'utf8';
  }
}

function toNumber(v: DuckDBValue): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'object' && 'toDouble' in v && typeof v.toDouble === 'function') return v.toDouble() as number;
  return Number(String(v));
}

function toDate(v: DuckDBValue): Date | null {
  if (v === null) return null;
  if (typeof v === 'object' && 'days' in v) return new Date(Number(v.days) * DAY_MS);
  return null;
}

function column(kind: Kind, values: readonly DuckDBValue[]): Vector {
  switch (kind) {
    case 'bool': return vectorFromArray(values.map((v) => (v === null ? null : Boolean(v))), new Bool());
    case 'int32': return vectorFromArray(values.map(toNumber), new Int32());
    case 'float64': return vectorFromArray(values.map(toNumber), new Float64());
    case 'date': return vectorFromArray(values.map(toDate), new DateDay());
    default: return vectorFromArray(values.map((v) => (v === null ? null : String(v))), new Utf8());
  }
}

/** An Arrow table from DuckDB's columns (column-major values, as `reader.getColumns()` gives them). */
export function columnsToTable(names: readonly string[], types: readonly DuckDBType[], columns: readonly (readonly DuckDBValue[])[]): Table {
  const vectors: Record<string, Vector<DataType>> = {};
  names.forEach((name, i) => {
    vectors[name] = column(arrowKindOf(types[i]), columns[i] ?? []);
  });
  return new Table(vectors);
}

/** A fully read result as Arrow IPC stream bytes. */
export function readerToArrow(reader: DuckDBResultReader): Uint8Array {
  return tableToIPC(columnsToTable(reader.columnNames(), reader.columnTypes(), reader.getColumns()), 'stream');
}
