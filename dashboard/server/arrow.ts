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
import { Bool, DateDay, Field, Float64, Int32, Schema, Table, Utf8, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import { BufferRegion, FieldNode, Message, RecordBatch as BatchHeader } from 'apache-arrow/ipc/metadata/message';

export const ARROW_CONTENT_TYPE = 'application/vnd.apache.arrow.stream';

const DAY_MS = 86_400_000;

export type Kind = 'utf8' | 'bool' | 'int32' | 'float64' | 'date';

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

// ---------------------------------------------------------------------------------------------
// Columns held in memory (dashboard/server/slices.ts): converted from DuckDB once, then any subset
// of rows is written as Arrow straight from typed arrays — no per-row JS values, no builders. The
// conversion is the one above (toNumber, toDate, String), so both paths decode to the same rows.

/** Distinct strings of a column, UTF-8 encoded back to back (entry i is bytes[offsets[i]..offsets[i+1]]). */
export interface StringDict {
  readonly strings: readonly string[];
  readonly bytes: Uint8Array;
  readonly offsets: Int32Array;
}

export type TypedColumn = { readonly name: string } & (
  | { readonly kind: 'float64'; readonly values: Float64Array; readonly valid: Uint8Array | null }
  | { readonly kind: 'int32' | 'date'; readonly values: Int32Array; readonly valid: Uint8Array | null }
  | { readonly kind: 'bool'; readonly values: Uint8Array; readonly valid: Uint8Array | null }
  /** codes[i] indexes dict; -1 is NULL. */
  | { readonly kind: 'utf8'; readonly codes: Int32Array; readonly dict: StringDict }
);

const utf8 = new TextEncoder();

/** One DuckDB result column as a TypedColumn, converted as readerToArrow converts it. */
export function typedColumn(name: string, type: DuckDBType, values: readonly DuckDBValue[]): TypedColumn {
  const kind = arrowKindOf(type);
  const n = values.length;
  if (kind === 'utf8') {
    const codes = new Int32Array(n);
    const index = new Map<string, number>();
    const strings: string[] = [];
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null) {
        codes[i] = -1;
        continue;
      }
      const s = String(v);
      let c = index.get(s);
      if (c === undefined) {
        c = strings.length;
        index.set(s, c);
        strings.push(s);
      }
      codes[i] = c;
    }
    const encoded = strings.map((s) => utf8.encode(s));
    const offsets = new Int32Array(encoded.length + 1);
    encoded.forEach((b, i) => (offsets[i + 1] = offsets[i] + b.length));
    const bytes = new Uint8Array(offsets[encoded.length]);
    encoded.forEach((b, i) => bytes.set(b, offsets[i]));
    return { name, kind, codes, dict: { strings, bytes, offsets } };
  }
  let valid: Uint8Array | null = null;
  const invalid = (i: number) => {
    valid ??= new Uint8Array(n).fill(1);
    valid[i] = 0;
  };
  if (kind === 'float64') {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = toNumber(values[i]);
      if (x === null) invalid(i);
      else out[i] = x;
    }
    return { name, kind, values: out, valid };
  }
  if (kind === 'bool') {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null) invalid(i);
      else out[i] = v ? 1 : 0;
    }
    return { name, kind, values: out, valid };
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (kind === 'date') {
      const d = toDate(values[i]);
      if (d === null) invalid(i);
      else out[i] = Math.round(d.getTime() / DAY_MS);
    } else {
      const x = toNumber(values[i]);
      if (x === null) invalid(i);
      else out[i] = x;
    }
  }
  return { name, kind, values: out, valid };
}

/** Bytes a TypedColumn holds (typed arrays plus its strings, counted twice: JS string and UTF-8). */
export function typedColumnBytes(c: TypedColumn): number {
  if (c.kind === 'utf8') return c.codes.byteLength + c.dict.bytes.byteLength * 3 + c.dict.offsets.byteLength + c.dict.strings.length * 32;
  return c.values.byteLength + (c.valid?.byteLength ?? 0);
}

// The IPC stream is written here rather than through tableToIPC: apache-arrow's writer costs about
// half a millisecond per response in builders, visitors and copies whatever the row count, which
// was most of an uncached answer. The layout is the one its writer produces (one schema message,
// one record batch, end of stream; buffers padded to 8 bytes), and its own Message class encodes
// the flatbuffer headers.

const ARROW_TYPE: Record<Kind, () => DataType> = {
  utf8: () => new Utf8(), bool: () => new Bool(), int32: () => new Int32(), float64: () => new Float64(), date: () => new DateDay(),
};

/** A metadata flatbuffer framed as a stream message: continuation, length, bytes, padding to 8. */
function framed(meta: Uint8Array): Uint8Array {
  const size = (meta.byteLength + 8 + 7) & ~7;
  const out = new Uint8Array(size);
  const head = new DataView(out.buffer);
  head.setInt32(0, -1, true);
  head.setInt32(4, size - 8, true);
  out.set(meta, 8);
  return out;
}

const schemaMessages = new WeakMap<readonly TypedColumn[], Uint8Array>();

function schemaMessage(columns: readonly TypedColumn[]): Uint8Array {
  let m = schemaMessages.get(columns);
  if (!m) {
    // Nullable, as the Table constructor marks every vector built by vectorFromArray.
    const schema = new Schema(columns.map((c) => new Field(c.name, ARROW_TYPE[c.kind](), true)));
    m = framed(Message.encode(Message.from(schema)));
    schemaMessages.set(columns, m);
  }
  return m;
}

const pad8 = (n: number) => (n + 7) & ~7;

/** Per column of one response: its NULL count and the byte length of each of its buffers. */
interface Plan {
  nulls: number;
  /** validity, then (utf8) offsets, then values. */
  sizes: number[];
}

function plan(c: TypedColumn, rows: Int32Array): Plan {
  const n = rows.length;
  let nulls = 0;
  if (c.kind === 'utf8') {
    let total = 0;
    const { codes, dict } = c;
    for (let k = 0; k < n; k++) {
      const code = codes[rows[k]];
      if (code < 0) nulls++;
      else total += dict.offsets[code + 1] - dict.offsets[code];
    }
    return { nulls, sizes: [nulls ? (n + 7) >> 3 : 0, 4 * (n + 1), total] };
  }
  if (c.valid) for (let k = 0; k < n; k++) if (!c.valid[rows[k]]) nulls++;
  const values = c.kind === 'bool' ? (n + 7) >> 3 : c.kind === 'float64' ? 8 * n : 4 * n;
  return { nulls, sizes: [nulls ? (n + 7) >> 3 : 0, values] };
}

/** Writes column `c`'s buffers for `rows` at `at` (byte offsets into `out`, zero-filled). */
function fill(out: Uint8Array, at: number[], c: TypedColumn, rows: Int32Array, nulls: number): void {
  const n = rows.length;
  const lo = rows[0];
  const dense = n > 0 && rows[n - 1] - lo === n - 1;
  if (c.kind === 'utf8') {
    const { codes, dict } = c;
    const offsets = new Int32Array(out.buffer, out.byteOffset + at[1], n + 1);
    const src = dict.bytes;
    let pos = 0;
    let p = at[2];
    for (let k = 0; k < n; k++) {
      const code = codes[rows[k]];
      if (code >= 0) {
        if (nulls) out[at[0] + (k >> 3)] |= 1 << (k & 7);
        const from = dict.offsets[code];
        const len = dict.offsets[code + 1] - from;
        // Short strings (codes, enums) copy faster by hand than through subarray + set.
        if (len < 24) for (let j = 0; j < len; j++) out[p + j] = src[from + j];
        else out.set(src.subarray(from, from + len), p);
        p += len;
        pos += len;
      }
      offsets[k + 1] = pos;
    }
    return;
  }
  if (nulls) {
    const valid = c.valid!;
    for (let k = 0; k < n; k++) if (valid[rows[k]]) out[at[0] + (k >> 3)] |= 1 << (k & 7);
  }
  if (c.kind === 'bool') {
    for (let k = 0; k < n; k++) if (c.values[rows[k]]) out[at[1] + (k >> 3)] |= 1 << (k & 7);
    return;
  }
  const dst = c.kind === 'float64' ? new Float64Array(out.buffer, out.byteOffset + at[1], n) : new Int32Array(out.buffer, out.byteOffset + at[1], n);
  const src = c.values;
  if (dense) dst.set(src.subarray(lo, lo + n));
  else for (let k = 0; k < n; k++) dst[k] = src[rows[k]];
}

/** The chosen rows (indices, in output order) of in-memory columns as Arrow IPC stream bytes. */
export function typedRowsToArrow(columns: readonly TypedColumn[], rows: Int32Array): Uint8Array {
  const schema = schemaMessage(columns);
  const plans = columns.map((c) => plan(c, rows));
  const nodes: FieldNode[] = [];
  const regions: BufferRegion[] = [];
  const starts: number[][] = [];
  let body = 0;
  for (const p of plans) {
    nodes.push(new FieldNode(rows.length, p.nulls));
    starts.push(p.sizes.map((size) => {
      const at = body;
      regions.push(new BufferRegion(at, pad8(size)));
      body += pad8(size);
      return at;
    }));
  }
  const header = framed(Message.encode(Message.from(new BatchHeader(rows.length, nodes, regions, null), body)));
  const bodyAt = schema.byteLength + header.byteLength;
  const out = new Uint8Array(bodyAt + body + 8);
  out.set(schema, 0);
  out.set(header, schema.byteLength);
  columns.forEach((c, i) => fill(out, starts[i].map((x) => bodyAt + x), c, rows, plans[i].nulls));
  // End of stream: continuation marker and a zero length.
  new DataView(out.buffer, out.byteOffset + bodyAt + body, 8).setInt32(0, -1, true);
  return out;
}
