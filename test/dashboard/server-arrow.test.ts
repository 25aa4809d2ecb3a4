// Query rows → Arrow IPC stream: decoded in Node with tableFromIPC, every value equals what DuckDB
// returned, NULLs stay NULL, and each DuckDB type travels as the documented Arrow type.
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC, Type } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { readerToArrow } from '../../dashboard/server/arrow.ts';

async function roundTrip(sql: string) {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const reader = await conn.runAndReadAll(sql);
    const table = tableFromIPC(readerToArrow(reader));
    return { table, duck: reader.getRowObjectsJS() as Record<string, unknown>[] };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

const SQL = `SELECT * FROM (VALUES
  ('Bình Sơn', true, 1::TINYINT, 300::SMALLINT, 2147483647::INTEGER, 9007199254740991::BIGINT, 0.8888888888888888::DOUBLE, 12.345::DECIMAL(10,3), DATE '2024-02-29', 1.5::FLOAT, 4294967295::UINTEGER, 7::HUGEINT),
  (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  ('Lý Sơn — đảo', false, (-128)::TINYINT, (-32768)::SMALLINT, (-2147483648)::INTEGER, (-5)::BIGINT, (-0.5)::DOUBLE, (-0.001)::DECIMAL(10,3), DATE '1970-01-01', (-2.25)::FLOAT, 0::UINTEGER, (-1)::HUGEINT),
  ('', false, 0::TINYINT, 0::SMALLINT, 0::INTEGER, 0::BIGINT, 1e300::DOUBLE, 0::DECIMAL(10,3), DATE '1969-12-31', 0::FLOAT, 1::UINTEGER, 0::HUGEINT)
) t(s, b, ti, si, i, bi, d, dec, dt, f, ui, hi)`;

describe('Arrow IPC from DuckDB', () => {
  it('maps each DuckDB type to the documented Arrow type', async () => {
    const { table } = await roundTrip(SQL);
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, f.type.typeId]));
    expect(types).toEqual({
      s: Type.Utf8, b: Type.Bool, ti: Type.Int, si: Type.Int, i: Type.Int, bi: Type.Float, d: Type.Float,
      dec: Type.Float, dt: Type.Date, f: Type.Float, ui: Type.Float, hi: Type.Float,
    });
    expect(String(table.schema.fields.find((f) => f.name === 'i')!.type)).toBe('Int32');
    expect(String(table.schema.fields.find((f) => f.name === 'bi')!.type)).toBe('Float64');
    expect(String(table.schema.fields.find((f) => f.name === 'dt')!.type)).toBe('Date32<DAY>');
  });

  it('decodes exactly what DuckDB returned, NULLs included', async () => {
    const { table, duck } = await roundTrip(SQL);
    expect(table.numRows).toBe(duck.length);
    const decoded = table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
    for (const [i, row] of duck.entries()) {
      for (const [k, v] of Object.entries(row)) {
        const got = decoded[i][k];
        if (v === null) expect(got, `${k}[${i}]`).toBeNull();
        else if (v instanceof Date) expect(got, `${k}[${i}]`).toBe(v.getTime()); // DateDay decodes to epoch ms
        else if (typeof v === 'bigint') expect(got, `${k}[${i}]`).toBe(Number(v));
        else if (k === 'dec') expect(got, `${k}[${i}]`).toBe(Number(String(v)));
        else expect(got, `${k}[${i}]`).toBe(v);
      }
    }
    // Spot checks in plain terms: the largest exact double integer, a leap day, Vietnamese text.
    expect(decoded[0].bi).toBe(Number.MAX_SAFE_INTEGER);
    expect(new Date(decoded[0].dt as number).toISOString().slice(0, 10)).toBe('2024-02-29');
    expect(new Date(decoded[3].dt as number).toISOString().slice(0, 10)).toBe('1969-12-31');
    expect(decoded[2].s).toBe('Lý Sơn — đảo');
    expect(decoded[3].s).toBe('');
    expect(decoded[0].dec).toBe(12.345);
    expect(table.getChild('b')!.nullCount).toBe(1);
  });

  it('keeps the schema of an empty result', async () => {
    const { table } = await roundTrip(`SELECT 'x'::VARCHAR AS a, 1::BIGINT AS n, DATE '2024-01-01' AS d WHERE false`);
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => [f.name, String(f.type)])).toEqual([['a', 'Utf8'], ['n', 'Float64'], ['d', 'Date32<DAY>']]);
  });
});
